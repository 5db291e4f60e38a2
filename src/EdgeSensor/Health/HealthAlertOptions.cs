namespace EdgeSensor.Health;

/// <summary>
/// When the sensor's health alerts rise and clear. The clear thresholds sit a little inside the raise thresholds so
/// a value hovering at the line does not raise and clear at every check.
/// </summary>
public sealed class HealthAlertOptions
{
    /// <summary>No frame from the tap for this long raises "no-traffic" (status.noTrafficSeconds).</summary>
    public TimeSpan NoTraffic { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>"capture-drops" clears once no frame has been dropped for this long.</summary>
    public TimeSpan DropsQuiet { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>"disk-low" rises under this fraction of the state's filesystem free...</summary>
    public double DiskLowFree { get; init; } = 0.05;

    /// <summary>... and clears at or above this one.</summary>
    public double DiskClearFree { get; init; } = 0.06;

    /// <summary>"memory-high" rises over this fraction of the cgroup's memory cap...</summary>
    public double MemoryHigh { get; init; } = 0.90;

    /// <summary>... and clears at or under this one.</summary>
    public double MemoryClear { get; init; } = 0.85;

    /// <summary>The sensor's configuration: no traffic after status.noTrafficSeconds (as the TAP light).</summary>
    public static HealthAlertOptions For(Hosting.StatusConfig status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new HealthAlertOptions { NoTraffic = TimeSpan.FromSeconds(status.NoTrafficSeconds) };
    }
}
