using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using EdgeSensor.Plant;

namespace EdgeSensor.Analyze;

/// <summary>
/// The default output of <c>edge-sensor analyze</c>, for people: what was analyzed and how learning was set, a table of
/// the assets, the anomalies one line each, the incidents with the models involved, and the counts.
/// Names, vendor strings, user names and evidence values come from packets, so an attacker chooses them: every string
/// shown goes through <see cref="Escape"/>, which renders control and other invisible characters as <c>\xNN</c> (a
/// crafted PLC name cannot move the cursor or send a terminal escape sequence) and cuts long values, so no value can
/// push the columns out of line.
/// </summary>
public static class AnalyzeText
{
    /// <summary>Ends a value cut to its column's width.</summary>
    public const char Ellipsis = '\u2026';

    // Widest each column may get; values are cut to it. An IPv6 address is at most 39 characters.
    private const int AddressWidth = 39;
    private const int VendorWidth = 24;
    private const int RoleWidth = 30;
    private const int ZoneWidth = 24;
    private const int IdentityWidth = 72;
    private const int NameWidth = 24;
    private const int WhatWidth = 160;
    private const int TitleWidth = 120;
    private const int DetailWidth = 120;
    private const int ModelWidth = 48;
    private const int CaptureListWidth = 160;

    /// <summary>Peers named in an anomaly line before "and N more".</summary>
    private const int PeersShown = 2;

    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the whole report.</summary>
    public static void Write(TextWriter output, AnalyzeResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        WriteHeader(output, result);
        output.WriteLine();
        WriteAssets(output, result.Assets);
        output.WriteLine();
        WriteAnomalies(output, result.Anomalies);
        output.WriteLine();
        WriteIncidents(output, result.Incidents);
        output.WriteLine();
        int newAssets = result.Assets.Count(a => a.IsNew);
        string highest = result.Incidents.Count > 0 ? string.Create(Invariant, $" (highest score {result.Incidents.Max(i => i.Score)})") : string.Empty;
        output.WriteLine(string.Create(Invariant,
            $"Total: {Plural(result.Assets.Count, "asset")} ({newAssets} new), {Plural(result.Anomalies.Count, "anomaly", "anomalies")}, {Plural(result.Incidents.Count, "incident")}{highest}"));
    }

    /// <summary>
    /// <paramref name="text"/> made safe and bounded for a terminal: control characters (C0, DEL, C1), format characters
    /// (bidirectional overrides, zero-width), line and paragraph separators, private-use, unassigned code points and lone
    /// surrogates become <c>\xNN</c>, <c>\uNNNN</c> or <c>\UNNNNNNNN</c>; a backslash becomes <c>\\</c> so an escape
    /// cannot be faked. When the result is longer than <paramref name="maxWidth"/> it is cut (never inside an escape or a
    /// surrogate pair) and ends with <see cref="Ellipsis"/>. Null gives an empty string.
    /// </summary>
    public static string Escape(string? text, int maxWidth = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(Math.Min(text.Length, maxWidth) + 1);

        // Length at the last boundary between whole characters that still leaves room for the ellipsis.
        int fits = 0;
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out Rune rune, out int consumed) != OperationStatus.Done)
            {
                AppendEscape(sb, rest[0]);
                consumed = 1;
            }
            else if (rune.Value == '\\')
            {
                sb.Append(@"\\");
            }
            else if (IsPrintable(rune))
            {
                sb.Append(rest[..consumed]);
            }
            else
            {
                AppendEscape(sb, rune.Value);
            }

            rest = rest[consumed..];
            if (sb.Length > maxWidth)
            {
                sb.Length = fits;
                sb.Append(Ellipsis);
                return sb.ToString();
            }

            if (sb.Length < maxWidth)
            {
                fits = sb.Length;
            }
        }

        return sb.ToString();
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };

    private static void AppendEscape(StringBuilder sb, int value)
    {
        if (value <= 0xFF)
        {
            sb.Append(Invariant, $"\\x{value:X2}");
        }
        else if (value <= 0xFFFF)
        {
            sb.Append(Invariant, $"\\u{value:X4}");
        }
        else
        {
            sb.Append(Invariant, $"\\U{value:X8}");
        }
    }

    private static void WriteHeader(TextWriter output, AnalyzeResult r)
    {
        var analyzed = new List<string>();
        if (r.Captures.Count > 0)
        {
            analyzed.Add(string.Create(Invariant, $"{Plural(r.Captures.Count, "capture")} ({FileNames(r.Captures)})"));
        }

        if (r.Interface is not null)
        {
            analyzed.Add($"live capture on {Escape(r.Interface, NameWidth)}");
        }

        output.WriteLine(analyzed.Count == 0
            ? "Analyzed: nothing after learning"
            : string.Create(Invariant, $"Analyzed: {string.Join(" and ", analyzed)}, {Plural(r.Frames, "frame")}"));

        string source = r.LearnCaptures.Count > 0
            ? string.Create(Invariant, $"from {Plural(r.LearnCaptures.Count, "capture")} ({FileNames(r.LearnCaptures)}), {Plural(r.LearnFrames, "frame")}")
            : r.LearningSeconds is { } s ? string.Create(Invariant, $"the first {s:0.###} s of capture time (--learning-seconds)")
            : r.StateLoaded ? "from the state file"
            : "the whole run (no --learn or --learning-seconds)";
        string outcome = r.LearningEnded is { } ended
            ? $"ended {Time(ended)} UTC; devices first seen after it are marked new"
            : "still learning at the end, so nothing is marked new";
        output.WriteLine($"Learning: {source}; {outcome}");
        if (r.StateFile is not null)
        {
            output.WriteLine($"State: {Escape(r.StateFile, CaptureListWidth)} ({(r.StateLoaded ? "loaded, then saved" : "none yet; saved")})");
        }
    }

    private static string FileNames(IReadOnlyList<string> paths) =>
        Escape(string.Join(", ", paths.Select(Path.GetFileName)), CaptureListWidth);

    private static void WriteAssets(TextWriter output, IReadOnlyList<AssetRecord> assets)
    {
        if (assets.Count == 0)
        {
            output.WriteLine("Assets: none");
            return;
        }

        output.WriteLine(string.Create(Invariant, $"Assets ({assets.Count}, {assets.Count(a => a.IsNew)} new)"));
        var rows = new List<Row>(assets.Count);
        foreach (var a in assets.Order(Comparer<AssetRecord>.Create(ByAddress)))
        {
            int peers = a.Peers.Select(p => p.Peer).Distinct(StringComparer.Ordinal).Count();
            rows.Add(new Row(
            [
                Escape(a.AssetId, AddressWidth),
                a.IsNew ? "new" : string.Empty,
                Escape(a.MacVendor, VendorWidth),
                Escape(string.Create(Invariant, $"{a.Role.Role} {a.Role.Confidence:0.00}"), RoleWidth),
                Escape(Zone(a.Zone), ZoneWidth),
                Escape(Identity(a.Identity), IdentityWidth),
                Escape(Name(a), NameWidth),
                string.Create(Invariant, $"{a.Traffic.PacketsReceived:N0}/{a.Traffic.PacketsSent:N0}"),
                string.Create(Invariant, $"{peers}{(a.Peers.Count >= AssetReporter.MaxPeers ? "+" : string.Empty)}"),
            ]));
        }

        WriteTable(output, ["ADDRESS", "NEW", "MAC VENDOR", "ROLE", "ZONE", "IDENTITY", "NAME", "PKTS IN/OUT", "PEERS"], rightAligned: [7, 8], rows);
    }

    /// <summary>Numeric address order (IPv4 before IPv6), then anything else by its text.</summary>
    private static int ByAddress(AssetRecord x, AssetRecord y)
    {
        bool xIp = IPAddress.TryParse(x.AssetId, out var xa);
        bool yIp = IPAddress.TryParse(y.AssetId, out var ya);
        if (xIp && yIp)
        {
            byte[] xb = xa!.GetAddressBytes();
            byte[] yb = ya!.GetAddressBytes();
            int byLength = xb.Length.CompareTo(yb.Length);
            return byLength != 0 ? byLength : xb.AsSpan().SequenceCompareTo(yb);
        }

        return xIp != yIp ? (xIp ? -1 : 1) : string.CompareOrdinal(x.AssetId, y.AssetId);
    }

    /// <summary>"Control L1" for a configured zone, "OT L1 (inferred)" for an inferred one.</summary>
    private static string Zone(ZoneAssignment zone)
    {
        string level = zone.PurdueLevel is { } l ? string.Create(Invariant, $" L{l}") : string.Empty;
        return zone.Source == "inferred" ? $"{zone.Domain.ToUpperInvariant()}{level} (inferred)" : zone.Name + level;
    }

    /// <summary>"Siemens CPU 315-2 PN/DP 6ES7 315-2EH14-0AB0, fw V3.2.7, state RUN": vendor, model, order number, firmware, state.</summary>
    private static string Identity(DeviceIdentity? id)
    {
        if (id is null)
        {
            return string.Empty;
        }

        string model = string.Join(' ', new[] { id.Vendor, id.ModuleType ?? id.ProductName, id.OrderNumber }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var parts = new List<string>(3);
        if (model.Length > 0)
        {
            parts.Add(model);
        }

        if (!string.IsNullOrWhiteSpace(id.FirmwareVersion))
        {
            parts.Add("fw " + id.FirmwareVersion);
        }

        if (!string.IsNullOrWhiteSpace(id.OperatingState))
        {
            parts.Add("state " + id.OperatingState);
        }

        return string.Join(", ", parts);
    }

    /// <summary>The name the device gives itself (S7 PLC or module name), else the RDP user names it sent.</summary>
    private static string Name(AssetRecord a)
    {
        if (a.Identity?.PlcName is { Length: > 0 } plc)
        {
            return plc;
        }

        if (a.Identity?.ModuleName is { Length: > 0 } module)
        {
            return module;
        }

        return a.Rdp is { CookieUserNames.Count: > 0 } rdp ? "rdp user " + string.Join(',', rdp.CookieUserNames) : string.Empty;
    }

    private static void WriteAnomalies(TextWriter output, IReadOnlyList<AnomalyRecord> anomalies)
    {
        if (anomalies.Count == 0)
        {
            output.WriteLine("Anomalies: none");
            return;
        }

        output.WriteLine(string.Create(Invariant, $"Anomalies ({anomalies.Count})"));
        var rows = anomalies.OrderBy(a => a.FirstSeen).Select(a => new Row(
        [
            Time(a.FirstSeen),
            Escape(a.Device, AddressWidth),
            a.Score.ToString(Invariant),
            Escape(What(a), WhatWidth),
        ])).ToList();
        WriteTable(output, ["TIME (UTC)", "DEVICE", "SCORE", "WHAT"], rightAligned: [2], rows);
    }

    /// <summary>"Unusual admin RDP session with 10.157.4.161: rdp user (cookie) Administr; admin-like user yes".</summary>
    private static string What(AnomalyRecord a)
    {
        var sb = new StringBuilder(a.Title);
        if (a.Peers.Count > 0)
        {
            sb.Append(" with ").AppendJoin(", ", a.Peers.Take(PeersShown));
            if (a.Peers.Count > PeersShown)
            {
                sb.Append(Invariant, $" and {a.Peers.Count - PeersShown} more");
            }
        }

        // The peers are named already; "occurrences 1" says nothing.
        var evidence = a.Evidence
            .Where(e => !(e.Name == "peer" && a.Peers.Contains(e.Value)) && !(e.Name == "occurrences" && e.Value == "1"))
            .Select(e => $"{e.Name} {e.Value}").ToList();
        if (evidence.Count > 0)
        {
            sb.Append(": ").AppendJoin("; ", evidence);
        }

        return sb.ToString();
    }

    private static void WriteIncidents(TextWriter output, IReadOnlyList<BreachSummaryRecord> incidents)
    {
        if (incidents.Count == 0)
        {
            output.WriteLine("Incidents: none");
            return;
        }

        output.WriteLine(string.Create(Invariant, $"Incidents ({incidents.Count})"));
        var rows = incidents.OrderByDescending(i => i.Score).ThenBy(i => i.FirstSeen).Select(i => new Row(
        [
            i.Score.ToString(Invariant),
            Escape(i.Device, AddressWidth),
            Escape(i.State, NameWidth),
            Time(i.FirstSeen),
            Time(i.LastSeen),
            Escape(i.Title, TitleWidth),
        ],
        Wrap("models: ", i.Models.Select(m => Escape(Model(m), ModelWidth))))).ToList();
        WriteTable(output, ["SCORE", "DEVICE", "STATE", "FIRST SEEN (UTC)", "LAST SEEN (UTC)", "TITLE"], rightAligned: [0], rows);
    }

    /// <summary>Items joined by ", " after <paramref name="label"/>, over as many lines of at most <see cref="DetailWidth"/> as it takes.</summary>
    private static List<string> Wrap(string label, IEnumerable<string> items)
    {
        var lines = new List<string>();
        var line = new StringBuilder(label);
        bool first = true;
        foreach (string item in items)
        {
            if (!first && line.Length + 2 + item.Length > DetailWidth)
            {
                lines.Add(line.Append(',').ToString());
                line.Clear().Append(' ', label.Length);
                first = true;
            }

            line.Append(first ? string.Empty : ", ").Append(item);
            first = false;
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>"unusual-admin-rdp (80)", or "new-device (30, x2)" for a model that fired more than once.</summary>
    private static string Model(ModelHit m) => m.Count > 1
        ? string.Create(Invariant, $"{m.Model} ({m.Score}, x{m.Count})")
        : string.Create(Invariant, $"{m.Model} ({m.Score})");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, Invariant);

    private static string Plural(long n, string one, string? many = null) =>
        string.Create(Invariant, $"{n:N0} {(n == 1 ? one : many ?? one + "s")}");

    /// <summary>
    /// Columns padded to their widest cell (cells are already escaped and cut), two spaces apart, indented by two;
    /// a row's details go on the lines below, under the last column.
    /// </summary>
    private static void WriteTable(TextWriter output, string[] headers, int[] rightAligned, List<Row> rows)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (int i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row.Cells[i].Length);
            }
        }

        int lastColumn = 2 + widths[..^1].Sum() + (2 * (widths.Length - 1));
        WriteRow(output, headers, widths, rightAligned);
        foreach (var row in rows)
        {
            WriteRow(output, row.Cells, widths, rightAligned);
            foreach (string detail in row.Details ?? [])
            {
                output.WriteLine(new string(' ', lastColumn) + detail);
            }
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths, int[] rightAligned)
    {
        var line = new StringBuilder("  ");
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(rightAligned.Contains(i) ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        output.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>One table row: its cells, and lines under it, if any.</summary>
    private readonly record struct Row(string[] Cells, List<string>? Details = null);
}
