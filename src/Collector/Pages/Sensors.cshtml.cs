using System.Globalization;
using Collector.Web;
using Collector.Web.Data;
using Edge.Contracts.Lifecycle;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages;

/// <summary>
/// Sensor health: online/offline from birth and death, learning progress, capture rate, drops, outbox, skew; and per
/// sensor the health its last metrics carried (CPU, memory, temperature, disk, capture, uptime, alerts), how its
/// previous run ended when that was not clean, and a chart of frames/s and CPU over the last <see cref="ChartHours"/> hours.
/// </summary>
public sealed class SensorsModel(IDashboardQueries queries, TimeProvider time) : PageModel
{
    public const int ChartHours = 6;

    /// <summary>Points per chart: one a minute over <see cref="ChartHours"/> at the default metrics interval.</summary>
    public const int ChartPoints = ChartHours * 60;

    public IReadOnlyList<SensorRow> Sensors { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<HealthPoint>> History { get; private set; } = new Dictionary<string, IReadOnlyList<HealthPoint>>();

    public void OnGet()
    {
        DateTimeOffset now = time.GetUtcNow();
        Sensors = queries.Sensors(now);
        History = queries.SensorHealthHistory(null, now.AddHours(-ChartHours), now, ChartPoints);
    }

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
