using System.Globalization;
using System.Text.Json;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Serialization;
using EdgeSensor.Analyze;
using EdgeSensor.Plant;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Analyze;

/// <summary>
/// <c>edge-sensor analyze</c> without <c>--json</c>: the report people read. Expectations come from the JSON output of
/// the same run, not from copied numbers. Strings from packets are escaped and bounded (<see cref="AnalyzeText.Escape"/>).
/// </summary>
public class AnalyzeTextTests
{
    private const string MixedPlant = "mixed_plant1_modbus-s7comm-it-traffic.pcap";
    private const string S7Engineering = "s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng";

    [Theory]
    [InlineData("PLC\u001b[2J\u001b]0;owned\u0007", @"PLC\x1B[2J\x1B]0;owned\x07")]
    [InlineData("a\r\nb\tc\0", @"a\x0D\x0Ab\x09c\x00")]
    [InlineData("del\u007f c1\u009b31m", @"del\x7F c1\x9B31m")]
    [InlineData("admin\u202egnp.exe", @"admin\u202Egnp.exe")]
    [InlineData("zero\u200bwidth", @"zero\u200Bwidth")]
    [InlineData("private\ue000use", @"private\uE000use")]
    [InlineData(@"C:\x1B is text", @"C:\\x1B is text")]
    [InlineData("Müller Automation", "Müller Automation")]
    [InlineData("S7300/ET200M station_1", "S7300/ET200M station_1")]
    [InlineData("smile \U0001F600", "smile \U0001F600")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Escape_renders_invisible_and_control_characters_as_escapes(string? text, string expected) =>
        Assert.Equal(expected, AnalyzeText.Escape(text));

    [Fact]
    public void Escape_renders_lone_surrogates_as_escapes()
    {
        // Built here, not in [InlineData]: a lone surrogate does not survive the test runner's UTF-8 round trip.
        Assert.Equal(@"lone\uD800 high", AnalyzeText.Escape("lone" + (char)0xD800 + " high"));
        Assert.Equal(@"lone\uDC00 low", AnalyzeText.Escape("lone" + (char)0xDC00 + " low"));
        Assert.Equal(@"end\uD83D", AnalyzeText.Escape("end" + (char)0xD83D));
    }

    [Theory]
    [InlineData("abcdefghij", 5, "abcd\u2026")]
    [InlineData("abcde", 5, "abcde")]
    [InlineData("abcdef", 5, "abcd\u2026")]
    [InlineData("ab\u001bcdef", 6, "ab\u2026")]               // "ab\x1B" would fit, but not with the ellipsis: the escape is not cut
    [InlineData("ab\u001bcdef", 8, "ab\\x1Bc\u2026")]
    [InlineData("abc\U0001F600def", 5, "abc\u2026")]           // a surrogate pair is not split
    [InlineData("x", 1, "x")]
    [InlineData("xy", 1, "\u2026")]
    public void Escape_cuts_long_values_with_an_ellipsis(string text, int width, string expected) =>
        Assert.Equal(expected, AnalyzeText.Escape(text, width));

    [Fact]
    public void Escape_never_lets_a_control_or_format_character_through_and_keeps_the_width()
    {
        var random = new Random(20261207);
        for (int n = 0; n < 2000; n++)
        {
            var chars = new char[random.Next(0, 80)];
            for (int i = 0; i < chars.Length; i++)
            {
                // Mostly the dangerous ranges: C0, DEL/C1, format and separators, surrogates.
                chars[i] = random.Next(6) switch
                {
                    0 => (char)random.Next(0x00, 0x20),
                    1 => (char)random.Next(0x7F, 0xA0),
                    2 => (char)random.Next(0x2000, 0x2070),
                    3 => (char)random.Next(0xD800, 0xE000),
                    4 => (char)random.Next(0x20, 0x7F),
                    _ => (char)random.Next(0, 0x10000),
                };
            }

            int width = random.Next(1, 60);
            string escaped = AnalyzeText.Escape(new string(chars), width);

            Assert.True(escaped.Length <= width, $"'{escaped}' is longer than {width}");
            for (int i = 0; i < escaped.Length; i++)
            {
                char c = escaped[i];
                var category = char.GetUnicodeCategory(c);
                Assert.False(category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned,
                    $"U+{(int)c:X4} ({category}) got through");
                if (char.IsHighSurrogate(c))
                {
                    Assert.True(i + 1 < escaped.Length && char.IsLowSurrogate(escaped[i + 1]), "a lone high surrogate got through");
                    i++;
                }
                else
                {
                    Assert.False(char.IsLowSurrogate(c), "a lone low surrogate got through");
                }
            }
        }
    }

    [Fact]
    public void A_plant_capture_prints_a_table_of_its_assets_with_the_PLCs_identity()
    {
        string[] captures = [SharedData.Pcap(MixedPlant), SharedData.Pcap(S7Engineering)];
        var json = RunJson(captures);
        var (code, text, errors) = Run(captures);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, errors);
        Assert.DoesNotContain("\"type\":", text, StringComparison.Ordinal);
        var lines = text.Split('\n');
        long frames = captures.Sum(c => AnalyzeCommand.Feed(new PlantModel(new PlantOptions()), c));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Analyzed: 2 captures ({MixedPlant}, {S7Engineering}), {frames:N0} frames"), lines[0]);
        Assert.StartsWith("Learning: the whole run", lines[1], StringComparison.Ordinal);

        // One row per asset, in aligned columns under the header.
        string header = Assert.Single(lines, l => l.StartsWith("  ADDRESS ", StringComparison.Ordinal));
        var rows = lines.SkipWhile(l => l != header).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(json.Assets.Count, rows.Count);
        Assert.Equal(json.Assets.Select(a => a.AssetId).Order(StringComparer.Ordinal), rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).Order(StringComparer.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Assets ({json.Assets.Count}, 0 new)"), lines);

        // The S7-300 of the engineering session: vendor, role, identity read over S7 (SZL) and its name, in their columns.
        var plc = json.Assets.Single(a => a.Identity?.OrderNumber is not null);
        var id = plc.Identity!;
        string row = Assert.Single(rows, r => r.StartsWith($"  {plc.AssetId} ", StringComparison.Ordinal));
        Assert.Equal(plc.MacVendor, Column(header, row, "MAC VENDOR"));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{plc.Role.Role} {plc.Role.Confidence:0.00}"), Column(header, row, "ROLE"));
        Assert.Equal("plc", plc.Role.Role);
        Assert.Equal($"{id.Vendor} {id.ModuleType} {id.OrderNumber}, fw {id.FirmwareVersion}, state {id.OperatingState}", Column(header, row, "IDENTITY"));
        Assert.Equal(id.PlcName, Column(header, row, "NAME"));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{plc.Traffic.PacketsReceived:N0}/{plc.Traffic.PacketsSent:N0}"), RightColumn(header, row, "PKTS IN/OUT"));
        Assert.Equal($"{plc.Zone.Domain.ToUpperInvariant()} L{plc.Zone.PurdueLevel} (inferred)", Column(header, row, "ZONE"));

        Assert.Contains("Anomalies: none", lines);
        Assert.Contains("Incidents: none", lines);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Total: {json.Assets.Count} assets (0 new), 0 anomalies, 0 incidents"), lines);
    }

    [Fact]
    public void After_learning_the_anomalies_and_incidents_are_listed_in_plain_words()
    {
        string[] args =
        [
            "--learn", SharedData.Pcap("s7comm_wincc-s400_hmi-production-baseline.pcapng"),
            SharedData.Pcap("rdp_admin-cookie-administr.pcap"), SharedData.Pcap("s7comm_tia-s300_download-hwconfig-with-stop.pcapng"),
        ];
        var json = RunJson(args);
        var (code, text, _) = Run(args);

        Assert.Equal(0, code);
        Assert.NotEmpty(json.Anomalies);
        Assert.NotEmpty(json.Incidents);
        var lines = text.Split('\n');
        Assert.StartsWith("Learning: from 1 capture (s7comm_wincc-s400_hmi-production-baseline.pcapng), ", lines[1], StringComparison.Ordinal);
        Assert.Contains("; ended ", lines[1], StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Assets ({json.Assets.Count}, {json.Assets.Count(a => a.IsNew)} new)"), lines);

        // The RDP client is named by the user name it sent.
        var rdpClient = json.Assets.Single(a => a.Rdp is { CookieUserNames.Count: > 0 });
        string header = Assert.Single(lines, l => l.StartsWith("  ADDRESS ", StringComparison.Ordinal));
        string clientRow = Assert.Single(lines, l => l.StartsWith($"  {rdpClient.AssetId} ", StringComparison.Ordinal));
        Assert.Equal($"rdp user {rdpClient.Rdp!.CookieUserNames[0]}", Column(header, clientRow, "NAME"));
        Assert.Equal("new", Column(header, clientRow, "NEW"));

        // Anomalies: one line each, time (UTC), device, score, title.
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Anomalies ({json.Anomalies.Count})"), lines);
        foreach (var a in json.Anomalies)
        {
            string time = a.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            Assert.Contains(lines, l => l.StartsWith($"  {time}  {a.Device} ", StringComparison.Ordinal)
                && l.Contains(string.Create(CultureInfo.InvariantCulture, $" {a.Score}  {a.Title}"), StringComparison.Ordinal));
        }

        var rdp = json.Anomalies.Single(a => a.Model == "unusual-admin-rdp");
        Assert.Contains(lines, l => l.Contains($"{rdp.Title} with {rdp.Peers[0]}: rdp user (cookie) {rdpClient.Rdp.CookieUserNames[0]}", StringComparison.Ordinal));

        // Incidents: score, device, state, first and last seen, title; the models on the line below.
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Incidents ({json.Incidents.Count})"), lines);
        foreach (var i in json.Incidents)
        {
            int at = Array.FindIndex(lines, l => l.Contains($"  {i.Device} ", StringComparison.Ordinal) && l.EndsWith(i.Title, StringComparison.Ordinal)
                && l.TrimStart().StartsWith(i.Score.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal));
            Assert.True(at > 0, $"no line for incident {i.IncidentId}");
            Assert.Contains(i.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), lines[at], StringComparison.Ordinal);
            Assert.Contains(i.LastSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), lines[at], StringComparison.Ordinal);
            string models = string.Join(' ', lines.Skip(at + 1).TakeWhile(l => l.StartsWith("        ", StringComparison.Ordinal)).Select(l => l.Trim()));
            Assert.StartsWith("models: ", models, StringComparison.Ordinal);
            Assert.All(i.Models, m => Assert.Contains(m.Model, models, StringComparison.Ordinal));
        }

        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"Total: {json.Assets.Count} assets ({json.Assets.Count(a => a.IsNew)} new), {json.Anomalies.Count} anomalies, {json.Incidents.Count} incidents (highest score {json.Incidents.Max(i => i.Score)})"), lines);
    }

    [Fact]
    public void Crafted_strings_from_packets_cannot_reach_the_terminal_or_break_the_columns()
    {
        var json = RunJson([SharedData.Pcap(S7Engineering)]);
        var plc = json.Assets.Single(a => a.Identity?.OrderNumber is not null);
        string evil = "\u001b]0;owned\u0007\u001b[2J\u001b[H\r" + new string('A', 500);
        var asset = plc with
        {
            MacVendor = "Vendor\u009b2J",
            Identity = plc.Identity! with { PlcName = evil, Vendor = "Sie\u202emens" },
        };
        var anomaly = new AnomalyRecord
        {
            AnomalyId = "x", Model = "unusual-admin-rdp", Title = "Unusual admin RDP session", Score = 80, Device = plc.AssetId,
            Peers = ["10.0.0.1"], FirstSeen = plc.FirstSeen, LastSeen = plc.LastSeen, Techniques = ["T0886"],
            Evidence = [new EvidenceItem("rdp user (cookie)", "adm\r\n\u001b[31mroot" + new string('B', 500))],
        };
        var result = new AnalyzeResult { Captures = ["x\u001b.pcap"], Assets = [asset], Anomalies = [anomaly] };
        using var output = new StringWriter();

        AnalyzeText.Write(output, result);

        string text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\u009b', text);
        Assert.DoesNotContain('\u202e', text);
        Assert.Contains(@"\x1B]0;owned\x07\x1B[2J", text, StringComparison.Ordinal);
        Assert.Contains(@"adm\x0D\x0A\x1B[31mroot", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), l => Assert.True(l.Length <= 400, $"unbounded line of {l.Length}"));

        var lines = text.Split('\n');
        string header = Assert.Single(lines, l => l.StartsWith("  ADDRESS ", StringComparison.Ordinal));
        string row = Assert.Single(lines, l => l.StartsWith($"  {plc.AssetId} ", StringComparison.Ordinal));
        Assert.EndsWith("\u2026", Column(header, row, "NAME"), StringComparison.Ordinal);
        Assert.StartsWith(@"\x1B]0;owned", Column(header, row, "NAME"), StringComparison.Ordinal);

        // The right-aligned packet counts still end under their header.
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{plc.Traffic.PacketsReceived:N0}/{plc.Traffic.PacketsSent:N0}"), RightColumn(header, row, "PKTS IN/OUT"));
    }

    /// <summary>The cell of <paramref name="row"/> under a left-aligned <paramref name="column"/> (cells hold no double space).</summary>
    private static string Column(string header, string row, string column)
    {
        string rest = row[(header.IndexOf("  " + column, StringComparison.Ordinal) + 2)..];
        int end = rest.IndexOf("  ", StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>The cell of <paramref name="row"/> that ends where a right-aligned <paramref name="column"/>'s header ends.</summary>
    private static string RightColumn(string header, string row, string column)
    {
        string before = row[..(header.IndexOf(column, StringComparison.Ordinal) + column.Length)];
        return before[(before.LastIndexOf("  ", StringComparison.Ordinal) + 2)..];
    }

    private static (int Code, string Output, string Errors) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = AnalyzeCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (List<AssetRecord> Assets, List<AnomalyRecord> Anomalies, List<BreachSummaryRecord> Incidents) RunJson(string[] args)
    {
        var (code, output, _) = Run([.. args, "--json"]);
        Assert.Equal(0, code);
        var assets = new List<AssetRecord>();
        var anomalies = new List<AnomalyRecord>();
        var incidents = new List<BreachSummaryRecord>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Contains("\"type\":\"asset\"", StringComparison.Ordinal))
            {
                assets.Add(JsonSerializer.Deserialize(line, EdgeJsonContext.Default.AssetRecord)!);
            }
            else if (line.Contains("\"type\":\"anomaly\"", StringComparison.Ordinal))
            {
                anomalies.Add(JsonSerializer.Deserialize(line, EdgeJsonContext.Default.AnomalyRecord)!);
            }
            else
            {
                incidents.Add(JsonSerializer.Deserialize(line, EdgeJsonContext.Default.BreachSummaryRecord)!);
            }
        }

        return (assets, anomalies, incidents);
    }
}
