using EdgeSensor.Capture;
using Edge.Contracts.Lifecycle;
using Microsoft.Extensions.Logging;

namespace EdgeSensor.Health;

/// <summary>
/// Reads the sensor's health (<see cref="HealthSources"/>) and keeps its alerts (<see cref="HealthAlerts"/>): the
/// health service calls <see cref="Check"/> every few seconds so an alert rises soon after its condition, and the
/// metrics loop calls <see cref="Snapshot"/> for the health it publishes, CPU measured over the metrics interval. Each
/// alert is logged once when raised and once when cleared. Thread-safe; never runs on the capture thread.
/// </summary>
public sealed partial class HealthMonitor
{
    private readonly HealthSources _sources;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HealthAlerts _alerts;
    private readonly ProcessCpuMeter _cpu;
    private readonly Lock _gate = new();

    public HealthMonitor(HealthSources sources, HealthAlertOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _sources = sources;
        _time = time;
        _logger = logger;
        _alerts = new HealthAlerts(options);
        _cpu = new ProcessCpuMeter(sources.CpuTime, time, sources.Cores);
    }

    /// <summary>The alerts standing after the last check.</summary>
    public IReadOnlyList<HealthAlert> ActiveAlerts
    {
        get
        {
            lock (_gate)
            {
                return _alerts.Active;
            }
        }
    }

    /// <summary>Reads what the alerts depend on and updates them; returns what was raised or cleared.</summary>
    public IReadOnlyList<HealthAlertChange> Check()
    {
        lock (_gate)
        {
            return Judge(Read(out _, out _));
        }
    }

    /// <summary>Everything, for the metrics record: CPU since the previous snapshot, the readings, and the alerts after judging them.</summary>
    public SensorHealth Snapshot()
    {
        lock (_gate)
        {
            HealthReading reading = Read(out CaptureStatistics? capture, out double? temperature);
            double? cpu = _cpu.Read();
            Judge(reading);
            DateTimeOffset now = _time.GetUtcNow();
            return new SensorHealth
            {
                CpuPercent = cpu,
                MemoryBytes = reading.MemoryBytes,
                MemoryLimitBytes = reading.MemoryLimitBytes,
                TemperatureCelsius = temperature,
                DiskFreeBytes = reading.DiskFreeBytes,
                DiskTotalBytes = reading.DiskTotalBytes,
                Capture = new CaptureHealth
                {
                    Received = capture?.Received,
                    KernelDropped = capture?.KernelDropped,
                    InterfaceDropped = capture?.InterfaceDropped,
                    DroppedBySensor = _sources.DroppedBySensor(),
                },
                UptimeSeconds = Math.Max(0, (long)(now - _sources.StartedAt).TotalSeconds),
                Alerts = _alerts.Active,
            };
        }
    }

    private HealthReading Read(out CaptureStatistics? capture, out double? temperature)
    {
        capture = _sources.Capture();
        temperature = ThermalZone.ReadCelsius(_sources.Thermal);
        (long Free, long Total)? disk = DiskSpace.Read(_sources.DiskDirectory);
        return new HealthReading(
            _sources.Frames(),
            capture?.KernelDropped,
            capture?.InterfaceDropped,
            ProcessMemory.ResidentBytes(_sources.ProcStatus),
            CgroupMemory.LimitBytes(_sources.ProcCgroup, _sources.CgroupRoot),
            disk?.Free,
            disk?.Total);
    }

    private IReadOnlyList<HealthAlertChange> Judge(in HealthReading reading)
    {
        IReadOnlyList<HealthAlertChange> changes = _alerts.Update(reading, _time.GetUtcNow());
        foreach (HealthAlertChange change in changes)
        {
            if (change.Raised)
            {
                LogRaised(change.Alert.Code, change.Alert.Detail ?? string.Empty);
            }
            else
            {
                LogCleared(change.Alert.Code, (change.At - change.Alert.Since).TotalSeconds);
            }
        }

        return changes;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "health alert {Code}: {Detail}")]
    private partial void LogRaised(string code, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "health alert {Code} cleared after {Seconds:0} s")]
    private partial void LogCleared(string code, double seconds);
}
