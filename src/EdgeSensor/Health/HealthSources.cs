using EdgeSensor.Capture;
using EdgeSensor.Hosting;

namespace EdgeSensor.Health;

/// <summary>
/// Where <see cref="HealthMonitor"/> reads from: the kernel's files (paths, so tests point them at a temp folder), the
/// process's CPU time, and the running sensor's counters (as functions, read racily like the metrics: 64-bit reads are
/// atomic and a value a moment old is fine). Nothing here runs on the capture thread.
/// </summary>
public sealed class HealthSources
{
    public string ProcStatus { get; init; } = ProcessMemory.DefaultStatusPath;

    public string ProcCgroup { get; init; } = CgroupMemory.DefaultProcCgroup;

    public string CgroupRoot { get; init; } = CgroupMemory.DefaultCgroupRoot;

    /// <summary>The thermal zone's file (millidegrees); null: no temperature.</summary>
    public string? Thermal { get; init; }

    /// <summary>A folder on the filesystem whose free space matters (the state's); null: no disk reading.</summary>
    public string? DiskDirectory { get; init; }

    public Func<TimeSpan?> CpuTime { get; init; } = ProcessCpuMeter.CurrentProcess;

    public int Cores { get; init; } = Environment.ProcessorCount;

    /// <summary>Frames the live capture has seen; null when not capturing live (no-traffic is judged on a live tap only).</summary>
    public Func<long?> Frames { get; init; } = () => null;

    /// <summary>The live capture's statistics; null for a file or before capture starts.</summary>
    public Func<CaptureStatistics?> Capture { get; init; } = () => null;

    /// <summary>What the sensor itself dropped (findings its queue had no room for).</summary>
    public Func<long> DroppedBySensor { get; init; } = () => 0;

    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The running sensor's sources: the thermal zone its hardware profile names, the state's folder, its counters.</summary>
    public static HealthSources ForSensor(SensorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        SensorConfig config = runtime.Config;
        bool live = config.Capture.Interface is not null;
        return new HealthSources
        {
            Thermal = ThermalZone.PathFor(config.Status),
            DiskDirectory = StateDirectory(config),
            Frames = () => live && runtime.Counters is { } c ? Volatile.Read(ref c.Frames) : null,
            Capture = () => runtime.CaptureStatistics is { } s && s.TryReadStatistics(out CaptureStatistics stats) ? stats : null,
            DroppedBySensor = () => runtime.FindingsDropped,
            StartedAt = runtime.StartedAt,
        };
    }

    /// <summary>The folder of the state file, else the uplink's outbox; null when the sensor keeps nothing on disk.</summary>
    public static string? StateDirectory(SensorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.StateFile is { } state)
        {
            return Path.GetDirectoryName(Path.GetFullPath(state));
        }

        return config.Uplink?.OutboxDirectory is { } outbox ? Path.GetFullPath(outbox) : null;
    }
}
