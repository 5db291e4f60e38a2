namespace Edge.Contracts.Lifecycle;

/// <summary>Values of <see cref="HealthAlert.Code"/>. New codes may be added without a schema version change.</summary>
public static class HealthAlertCodes
{
    /// <summary>The tap has delivered no frame for the configured time (status.noTrafficSeconds): a cable, a mirror port or a switch changed.</summary>
    public const string NoTraffic = "no-traffic";

    /// <summary>The kernel or the interface dropped frames since the previous check: the sensor is missing traffic.</summary>
    public const string CaptureDrops = "capture-drops";

    /// <summary>Under 5 % of the state's filesystem is free.</summary>
    public const string DiskLow = "disk-low";

    /// <summary>The process uses over 90 % of its cgroup's memory cap.</summary>
    public const string MemoryHigh = "memory-high";
}
