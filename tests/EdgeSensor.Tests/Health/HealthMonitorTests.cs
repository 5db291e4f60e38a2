using Edge.Contracts.Lifecycle;
using EdgeSensor.Capture;
using EdgeSensor.Health;
using EdgeSensor.Tests.IoModule;
using Microsoft.Extensions.Logging;

namespace EdgeSensor.Tests.Health;

/// <summary>
/// The monitor over fake files and counters: the snapshot the metrics carry, and each alert logged once when raised
/// and once when cleared however many checks see it.
/// </summary>
public sealed class HealthMonitorTests : IDisposable
{
    private readonly FakeRoot _root = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly LogLines _log = new();
    private long _frames = 1000;
    private CaptureStatistics? _capture = new CaptureStatistics(5000, 0, 0);
    private TimeSpan _cpu = TimeSpan.FromSeconds(3);

    public void Dispose() => _root.Dispose();

    [Fact]
    public void The_snapshot_carries_every_reading_and_the_standing_alerts()
    {
        HealthMonitor monitor = Monitor();
        _clock.Advance(TimeSpan.FromSeconds(60));
        _cpu += TimeSpan.FromSeconds(6);   // 6 s of 60 s on 2 cores
        _capture = new CaptureStatistics(9000, 12, 3);

        SensorHealth health = monitor.Snapshot();

        Assert.Equal(5.0, health.CpuPercent);
        Assert.Equal(240L << 20, health.MemoryBytes);
        Assert.Equal(256L << 20, health.MemoryLimitBytes);
        Assert.Equal(61.5, health.TemperatureCelsius);
        Assert.NotNull(health.DiskFreeBytes);
        Assert.InRange(health.DiskTotalBytes!.Value, health.DiskFreeBytes.Value, long.MaxValue);
        Assert.Equal(new CaptureHealth { Received = 9000, KernelDropped = 12, InterfaceDropped = 3, DroppedBySensor = 4 }, health.Capture);
        Assert.Equal(3660, health.UptimeSeconds);
        Assert.Equal([HealthAlertCodes.CaptureDrops, HealthAlertCodes.MemoryHigh], health.Alerts!.Select(a => a.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Readings_that_cannot_be_taken_are_absent_and_raise_nothing()
    {
        _capture = null;
        var monitor = new HealthMonitor(new HealthSources
        {
            ProcStatus = _root.At("none/status"),
            ProcCgroup = _root.At("none/cgroup"),
            CgroupRoot = _root.At("none/cg"),
            Thermal = _root.At("none/temp"),
            DiskDirectory = _root.At("none/state"),
            CpuTime = () => null,
            Cores = 2,
        }, new HealthAlertOptions(), _clock, _log);

        _clock.Advance(TimeSpan.FromMinutes(10));
        SensorHealth health = monitor.Snapshot();

        Assert.Equal(new object?[] { null, null, null, null, null, null }, new object?[]
            { health.CpuPercent, health.MemoryBytes, health.MemoryLimitBytes, health.TemperatureCelsius, health.DiskFreeBytes, health.DiskTotalBytes });
        Assert.Equal(new CaptureHealth { DroppedBySensor = 0 }, health.Capture);
        Assert.NotNull(health.UptimeSeconds);
        Assert.Empty(health.Alerts!);
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public void Each_alert_is_logged_once_when_raised_and_once_when_cleared()
    {
        HealthMonitor monitor = Monitor();
        monitor.Check();
        for (int i = 0; i < 20; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            monitor.Check();                  // 100 s without a frame
        }

        monitor.Snapshot();
        Assert.Equal(
        [
            "Warning health alert memory-high: 240 MiB resident of a 256 MiB cap (93.8 %)",
            "Warning health alert no-traffic: no frame from the tap for 60 s (the last at 00:00:00 UTC)",
        ], _log.Lines);

        _frames++;
        _root.Write("proc/self/status", "VmRSS:\t  102400 kB\n");
        _clock.Advance(TimeSpan.FromSeconds(5));
        IReadOnlyList<HealthAlertChange> changes = monitor.Check();
        monitor.Check();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.False(c.Raised));
        Assert.Equal(
        [
            "Information health alert no-traffic cleared after 105 s",
            "Information health alert memory-high cleared after 105 s",
        ], _log.Lines.Skip(2));
        Assert.Empty(monitor.ActiveAlerts);
    }

    private HealthMonitor Monitor()
    {
        _root.Write("proc/self/status", "Name:\tedge-sensor\nVmRSS:\t  245760 kB\n");
        _root.Write("proc/self/cgroup", "0::/system.slice/edge-sensor.service\n");
        _root.Write("cg/system.slice/edge-sensor.service/memory.max", "268435456\n");
        _root.Write("sys/thermal/temp", "61500\n");
        Directory.CreateDirectory(_root.At("state"));
        return new HealthMonitor(new HealthSources
        {
            ProcStatus = _root.At("proc/self/status"),
            ProcCgroup = _root.At("proc/self/cgroup"),
            CgroupRoot = _root.At("cg"),
            Thermal = _root.At("sys/thermal/temp"),
            DiskDirectory = _root.At("state"),
            CpuTime = () => _cpu,
            Cores = 2,
            Frames = () => _frames,
            Capture = () => _capture,
            DroppedBySensor = () => 4,
            StartedAt = _clock.GetUtcNow().AddHours(-1),
        }, new HealthAlertOptions { NoTraffic = TimeSpan.FromSeconds(60) }, _clock, _log);
    }

    /// <summary>What was logged, as "Level message".</summary>
    private sealed class LogLines : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel} {formatter(state, exception)}");
    }
}
