namespace EdgeSensor.Detection;

/// <summary>Thresholds and windows of the detection models (defaults chosen to stay silent on normal plants).</summary>
public sealed class DetectionOptions
{
    /// <summary>Counting windows for scans, failures and sweeps (capture time).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Distinct (host, port) targets a source probes within the window before it is a scan.</summary>
    public int ScanTargets { get; set; } = 12;

    /// <summary>Failed connection attempts by a source within the window before they are notable.</summary>
    public int FailedInternalConnections { get; set; } = 6;

    /// <summary>Failed attempts to one ICS device within the window.</summary>
    public int FailedToIcsDevice { get; set; } = 4;

    /// <summary>Failed attempts to external hosts on ICS ports (102, 502, ...): one is already notable.</summary>
    public int FailedExternalIcsPort { get; set; } = 1;

    /// <summary>New discover commands (SZL ids, FC43, diagnostics) from a source within the window.</summary>
    public int DiscoverCommands { get; set; } = 3;

    /// <summary>Distinct function codes or unit ids from a source to one server within the window: a sweep.</summary>
    public int SweepDistinct { get; set; } = 8;

    /// <summary>Requests stepping outside the addresses a relation used so far, within the window: register scanning.</summary>
    public int AddressSweep { get; set; } = 16;

    /// <summary>Words that make an RDP cookie user name look administrative (prefix match, case-insensitive).</summary>
    public IReadOnlyList<string> AdminNames { get; set; } = ["admin", "administr", "root", "sa", "sysadm", "superuser", "domain admin"];

    /// <summary>Learning shorter than this gives no baseline: only the models that need none run.</summary>
    public TimeSpan MinimumBaseline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An incident takes anomalies about its device within this window; it closes after as long a quiet period.</summary>
    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromHours(3);
}
