namespace Edge.Contracts.Lifecycle;

/// <summary>
/// The sensor's own health, in <see cref="SensorMetricsRecord.Health"/>: what the gateway's process, memory, board,
/// disk and capture look like at <see cref="SensorMetricsRecord.Time"/>, and the health alerts active then. Every
/// field is optional: a reading the sensor could not take (no thermal zone, no cgroup limit, a file replay without
/// capture statistics) is absent, never a made-up zero.
/// </summary>
public sealed record SensorHealth
{
    /// <summary>
    /// The sensor process's CPU use since the previous metrics record, in percent of the whole machine (100: every
    /// core busy all the time), from the process's total processor time divided by wall time and core count.
    /// </summary>
    public double? CpuPercent { get; init; }

    /// <summary>Resident memory of the sensor process (VmRSS), bytes.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>The memory cap of the process's cgroup (cgroup v2 <c>memory.max</c>, the lowest along its path), bytes; absent when unlimited or unknown.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The board's temperature (the hardware profile's thermal zone), degrees Celsius.</summary>
    public double? TemperatureCelsius { get; init; }

    /// <summary>Free bytes (available to the sensor) on the filesystem holding its state.</summary>
    public long? DiskFreeBytes { get; init; }

    /// <summary>Size of that filesystem, bytes.</summary>
    public long? DiskTotalBytes { get; init; }

    public CaptureHealth? Capture { get; init; }

    /// <summary>Seconds since the sensor process started.</summary>
    public long? UptimeSeconds { get; init; }

    /// <summary>The health alerts active at the time of the record (codes in <see cref="HealthAlertCodes"/>); empty when all is well.</summary>
    public IReadOnlyList<HealthAlert>? Alerts { get; init; }
}
