using System.Globalization;
using System.Text.Json;
using Collector.Provisioning;
using Collector.Web;
using Collector.Web.Auth;
using Collector.Web.Data;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Provisioning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Collector.Pages;

/// <summary>
/// Sensor health: online/offline from birth and death, learning progress, capture rate, drops, outbox, skew; and per
/// sensor the health its last metrics carried (CPU, memory, temperature, disk, capture, uptime, alerts), how its
/// previous run ended when that was not clean, and a chart of frames/s and CPU over the last <see cref="ChartHours"/> hours.
/// Provisioning for everyone signed in: the devices that asked, the certificates issued, each sensor's configuration
/// version (the one it runs, the latest held) and the provisioning log with its refusals; for admins the decisions
/// (approve, reject, revoke, decommission) and a configuration form. Everything a device sent is shown as text.
/// </summary>
public sealed class SensorsModel(
    IDashboardQueries queries, ProvisioningService provisioning, IOptions<ProvisioningOptions> options, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public const int ChartHours = 6;

    /// <summary>Points per chart: one a minute over <see cref="ChartHours"/> at the default metrics interval.</summary>
    public const int ChartPoints = ChartHours * 60;

    /// <summary>Rows of the provisioning log shown.</summary>
    public const int LogRows = 50;

    /// <summary>Largest zones document accepted from the form (a plant's zones file is a few KiB).</summary>
    public const int MaxZonesChars = 64 * 1024;

    private static readonly HashSet<string> Actions = ["approve", "reject", "revoke", "decommission", "configure"];

    public IReadOnlyList<SensorRow> Sensors { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<HealthPoint>> History { get; private set; } = new Dictionary<string, IReadOnlyList<HealthPoint>>();

    public IReadOnlyList<ProvisioningRequestRow> Requests { get; private set; } = [];

    public IReadOnlyList<ProvisioningLogRow> ProvisioningLog { get; private set; } = [];

    /// <summary>The certificates the collector's CA issued, per sensor id, newest first.</summary>
    public IReadOnlyList<IGrouping<string, SensorCertificateRow>> Certificates { get; private set; } = [];

    /// <summary>The latest configuration the collector holds per sensor id (version 0: none pushed).</summary>
    public IReadOnlyDictionary<string, SensorConfiguration> Configurations { get; private set; } = new Dictionary<string, SensorConfiguration>();

    public bool CanChange { get; private set; }

    public string DefaultSite => options.Value.Site;

    /// <summary>What the last change did (kept across the redirect after it).</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Why the posted change was not made.</summary>
    public string? Error { get; private set; }

    [BindProperty]
    public string? Action { get; set; }

    [BindProperty]
    public string? Serial { get; set; }

    [BindProperty]
    public string? Site { get; set; }

    [BindProperty]
    public string? SensorId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    [BindProperty]
    public string? Zones { get; set; }

    [BindProperty]
    public string? RelayThreshold { get; set; }

    [BindProperty]
    public string? NoTrafficSeconds { get; set; }

    [BindProperty]
    public string? LearningSeconds { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>
    /// One handler, the change named by <see cref="Action"/> (so the page's address stays /sensors, which the live
    /// refresh fetches again). Done: back to the page with what was done; refused: the page with why, the form as posted.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded)
        {
            return Forbid();
        }

        if (Action is null || !Actions.Contains(Action))
        {
            return BadRequest();
        }

        string by = User.Identity!.Name!;
        string? done;
        (done, Error) = Action switch
        {
            "approve" => Approve(by),
            "reject" => provisioning.Reject(Serial ?? string.Empty, Reason ?? string.Empty, by) is { } error ? (null, error) : ($"Request of {Serial} rejected.", null),
            "revoke" => await RevokeAsync(by),
            "decommission" => await DecommissionAsync(by),
            _ => Configure(by),
        };
        if (Error is not null)
        {
            await LoadAsync();
            return Page();
        }

        Message = done;
        return RedirectToPage();
    }

    private (string?, string?) Approve(string by)
    {
        var (row, error) = provisioning.Approve(Serial ?? string.Empty, Site, SensorId, by);
        return error is not null ? (null, error) : ($"Serial {row.Serial} approved as {row.Site}/{row.Sensor}.", null);
    }

    private async Task<(string?, string?)> RevokeAsync(string by)
    {
        string sensor = SensorId ?? string.Empty;
        string why = string.IsNullOrWhiteSpace(Reason) ? "revoked by an admin on the dashboard" : Clip(Reason.Trim(), 500);
        int revoked = await provisioning.RevokeAsync(sensor, by, why);
        return revoked == 0 ? (null, $"Sensor {sensor} has no active certificate to revoke.") : ($"Sensor {sensor}: {revoked} certificate(s) revoked.", null);
    }

    private async Task<(string?, string?)> DecommissionAsync(string by)
    {
        if (!Confirm)
        {
            return (null, $"Tick \"confirm\" to decommission {SensorId}: it is revoked and its serial freed for a new provisioning.");
        }

        string sensor = SensorId ?? string.Empty;
        if (provisioning.Certificates(sensor).Count == 0)
        {
            return (null, $"Sensor {sensor} was not provisioned by this collector.");
        }

        await provisioning.DecommissionAsync(sensor, by);
        return ($"Sensor {sensor} decommissioned: revoked, and its device may be provisioned again.", null);
    }

    private (string?, string?) Configure(string by)
    {
        string sensor = SensorId ?? string.Empty;

        // The site is the certificate's: the form names only a sensor the collector provisioned.
        if (provisioning.Certificates(sensor).FirstOrDefault(c => c.State == CertificateStates.Active) is not { } cert)
        {
            return (null, $"Sensor {sensor} has no active certificate: only a provisioned sensor takes a configuration.");
        }

        if (ParseZones(Zones, out JsonElement? zones) is { } zonesError)
        {
            return (null, zonesError);
        }

        if (ParseNumber(RelayThreshold, "relay threshold", out double? relay) is { } relayError)
        {
            return (null, relayError);
        }

        if (relay is { } whole && (whole != Math.Floor(whole) || whole is < 1 or > 100))
        {
            return (null, "relay threshold: a whole number from 1 to 100 (the lowest incident score that closes the relay)");
        }

        if (ParseNumber(NoTrafficSeconds, "no-traffic seconds", out double? noTraffic) is { } noTrafficError)
        {
            return (null, noTrafficError);
        }

        if (ParseNumber(LearningSeconds, "learning seconds", out double? learning) is { } learningError)
        {
            return (null, learningError);
        }

        var (config, error) = provisioning.ChangeConfiguration(cert.Site, sensor, c => c with
        {
            Zones = zones,
            RelayThreshold = relay is { } t ? (int)t : null,
            NoTrafficSeconds = noTraffic,
            LearningSeconds = learning,
        }, by);
        return config is null ? (null, $"Configuration of {sensor} not changed: {error}") : ($"Configuration version {config.Version} of {sensor} pushed.", null);
    }
    /// <summary>The zones as posted: empty is none; otherwise a JSON object (the zones file's format), or why not.</summary>
    internal static string? ParseZones(string? text, out JsonElement? zones)
    {
        zones = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > MaxZonesChars)
        {
            return $"zones: at most {MaxZonesChars} characters";
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "zones: a JSON object is expected, { \"zones\": [ { \"name\", \"purdueLevel\", \"subnets\", \"vlans\" } ] }";
            }

            zones = doc.RootElement.Clone();
            return null;
        }
        catch (JsonException e)
        {
            return "zones: not valid JSON: " + e.Message.Split('\n')[0];
        }
    }

    /// <summary>A number as posted (invariant culture): empty is unset (the sensor's default), otherwise a finite number.</summary>
    internal static string? ParseNumber(string? text, string what, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) || !double.IsFinite(parsed))
        {
            return $"{what}: not a number";
        }

        value = parsed;
        return null;
    }

    /// <summary>The zones as the form shows them: indented JSON, or empty for none.</summary>
    public static string ZonesText(JsonElement? zones)
    {
        if (zones is not { } z || z.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return string.Empty;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            z.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The sensor id an approval suggests: the one an auto-approval would give (edge-&lt;serial&gt;).</summary>
    public static string SuggestedSensorId(string serial) => ProvisioningService.SuggestSensorId(serial);

    /// <summary>Whether every certificate of the sensor is revoked (it had some): the broker refuses it.</summary>
    public bool IsRevoked(string sensor) =>
        Certificates.FirstOrDefault(g => g.Key == sensor) is { } certs && certs.All(c => c.State == CertificateStates.Revoked);

    /// <summary>The latest configuration version the collector holds for the sensor; null when none was pushed.</summary>
    public long? LatestVersion(string sensor) => Configurations.TryGetValue(sensor, out SensorConfiguration? c) && c.Version > 0 ? c.Version : null;

    /// <summary>The configuration form shows what was posted when that post was refused, else the current values.</summary>
    public bool IsRefusedEdit(string sensor) => Error is not null && Action == "configure" && SensorId == sensor;

    private async Task LoadAsync()
    {
        DateTimeOffset now = time.GetUtcNow();
        Sensors = queries.Sensors(now);
        History = queries.SensorHealthHistory(null, now.AddHours(-ChartHours), now, ChartPoints);
        Requests = provisioning.Requests();
        ProvisioningLog = provisioning.RecentLog(LogRows);
        Certificates = [.. provisioning.Certificates().GroupBy(c => c.Sensor, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)];
        var configurations = new Dictionary<string, SensorConfiguration>(StringComparer.Ordinal);
        foreach (IGrouping<string, SensorCertificateRow> certs in Certificates)
        {
            configurations[certs.Key] = provisioning.CurrentConfiguration(certs.First().Site, certs.Key);
        }

        foreach (SensorRow s in Sensors)
        {
            configurations.TryAdd(s.Sensor, provisioning.CurrentConfiguration(s.Site, s.Sensor));
        }

        Configurations = configurations;
        CanChange = (await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>Whether the sensor gets a health card: it reported health or metrics lately, or its last run died.</summary>
    public bool HasCard(SensorRow s) => s.Health is not null || s.PreviousExit is { Clean: false } || History.ContainsKey(s.Sensor);

    /// <summary>The chart's data for the canvas's data attribute (Razor encodes it; sensors.js parses it).</summary>
    public static string ChartJson(IReadOnlyList<HealthPoint> points) => PageJson.Serialize(new HealthChart(
        [.. points.Select(p => p.At.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture))],
        [.. points.Select(p => p.FramesPerSecond)],
        [.. points.Select(p => p.CpuPercent)]));

    /// <summary>Binary units, as the sensor writes them in its alerts.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0 GiB", CultureInfo.InvariantCulture),
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0 MiB", CultureInfo.InvariantCulture),
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0 KiB", CultureInfo.InvariantCulture),
        _ => bytes.ToString("0 B", CultureInfo.InvariantCulture),
    };

    /// <summary>"3 d 4 h", "2 h 5 min", "42 s".</summary>
    public static string Duration(long seconds) => seconds switch
    {
        >= 86_400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86_400} d {seconds % 86_400 / 3600} h"),
        >= 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h {seconds % 3600 / 60} min"),
        >= 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, seconds)} s"),
    };

    /// <summary>"used of total (percent)", or the used part alone without a total.</summary>
    public static string OfTotal(long used, long? total) =>
        total is > 0 and { } t ? string.Create(CultureInfo.InvariantCulture, $"{Bytes(used)} of {Bytes(t)} ({(double)used / t:P1})") : Bytes(used);

    /// <summary>"240 MiB of a 256 MiB cap (93.8 %)", or "240 MiB (no cap)".</summary>
    public static string Memory(long resident, long? cap) =>
        cap is > 0 and { } c
            ? string.Create(CultureInfo.InvariantCulture, $"{Bytes(resident)} of a {Bytes(c)} cap ({(double)resident / c:P1})")
            : Bytes(resident) + " (no cap)";

    /// <summary>How a run ended, in words: "watchdog, signal ABRT (systemd, 2026-11-27 19:59:30)".</summary>
    public static string Describe(PreviousExit e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string what = e.Result switch
        {
            PreviousExitResults.NoCleanStop => "no clean stop (power loss, or killed with nothing recording why)",
            _ => e.Result,
        };
        var parts = new List<string> { what };
        if (e.ExitCode is { } code)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"exit code {code}"));
        }

        if (e.Signal is { } signal)
        {
            parts.Add("signal " + signal);
        }

        string? where = string.Join(", ", new[] { e.Source, e.At?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) }.Where(x => x is not null));
        return string.Join(", ", parts) + (where.Length > 0 ? $" ({where})" : string.Empty);
    }
}

/// <summary>A sensor's health chart: labels (UTC HH:mm) and the two series, nulls where a value is unknown.</summary>
public sealed record HealthChart(IReadOnlyList<string> Labels, IReadOnlyList<double?> FramesPerSecond, IReadOnlyList<double?> CpuPercent);
