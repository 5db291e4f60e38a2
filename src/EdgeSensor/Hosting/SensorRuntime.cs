using System.Threading.Channels;
using Edge.Contracts.Detection;
using EdgeSensor.Detection;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Persistence;
using EdgeSensor.Plant.Zones;

namespace EdgeSensor.Hosting;

/// <summary>
/// The running sensor's shared parts: the plant model and detection (owned by the capture thread), and the queues by
/// which the capture thread hands work to the other services (state snapshots to write, findings to send) without
/// ever waiting on them.
/// </summary>
public sealed class SensorRuntime
{
    /// <summary>Findings waiting for the writer; past this the oldest are dropped (and counted) rather than blocking capture.</summary>
    public const int FindingsQueueCapacity = 10_000;

    private int _saveRequested;
    private int _assetsRequested;
    private long _findingsDropped;
    private Capture.ICaptureStatisticsSource? _captureStatistics;

    public SensorRuntime(SensorConfig config, Action<string> log)
    {
        Config = config;
        var options = new PlantOptions
        {
            DeviceCapacity = config.Capacities.Devices,
            RelationCapacity = config.Capacities.Relations,
            IcsRelationCapacity = config.Capacities.IcsRelations,
            ConnectionCapacity = config.Capacities.Connections,
            LearningPeriod = TimeSpan.FromSeconds(config.LearningSeconds),
            Zones = config.ZonesJson is not null ? ZoneMap.Parse(config.ZonesJson, "the collector's zones")
                : config.ZonesFile is null ? ZoneMap.Empty : ZoneMap.Load(config.ZonesFile),
        };
        Model = new PlantModel(options);
        if (config.StateFile is not null)
        {
            var load = PlantStateStore.Load(config.StateFile, Model);
            log(load.Outcome switch
            {
                StateLoadOutcome.Loaded => $"state loaded from {config.StateFile}: {Model.Devices.Count} devices, {Model.Relations.Count} relations",
                StateLoadOutcome.Missing => $"no state at {config.StateFile}: learning from scratch",
                _ => $"state file {config.StateFile} is corrupt ({load.Reason}); kept aside as {load.MovedTo}; learning afresh",
            });
        }

        var detectionOptions = new DetectionOptions();
        if (config.LearningSeconds > 0)
        {
            detectionOptions.MinimumBaseline = TimeSpan.FromSeconds(Math.Min(config.LearningSeconds, detectionOptions.MinimumBaseline.TotalSeconds));
        }

        Detection = new DetectionEngine(Model, detectionOptions);
        Detection.Incidents.IncidentUpdated += incident => Enqueue(new Finding(incident, null));
        Detection.Incidents.AnomalyRaised += anomaly => Enqueue(new Finding(null, anomaly));
    }

    public SensorConfig Config { get; }

    /// <summary>
    /// Set while the sensor is in factory state or being provisioned (the lights show it); null once it runs.
    /// </summary>
    public Status.BootStage? ProvisioningStage { get; set; }

    /// <summary>Set when the sensor stops to start again at once with a new configuration (pushed by the collector).</summary>
    public volatile bool RestartRequested;

    /// <summary>Open incidents and who acknowledged them: what the relay and the ALARM light answer to.</summary>
    public Status.AlarmLatch Alarms { get; } = new();

    /// <summary>Why capture stopped with an error (the lights show a fault); null while healthy.</summary>
    public volatile string? Fault;

    /// <summary>The uplink as the lights show it, with the outbox's fill (0-1); set by the findings service when there is an uplink.</summary>
    public Func<(Status.UplinkLight Light, double OutboxFill)>? UplinkLight { get; set; }

    /// <summary>
    /// Learning or protecting, with progress through the learning period (capture time) and when it ends; read from
    /// the model's fields racily but atomically, like the counters (a status a moment old is fine).
    /// </summary>
    public (string Phase, double? Progress, DateTimeOffset? EndsAt) Phase()
    {
        long started = Model.LearningStarted;
        if (Model.LearningEnded != 0)
        {
            return (Edge.Contracts.Lifecycle.SensorStates.Protecting, 1.0, null);
        }

        if (started == 0 || Model.Options.LearningPeriod is not { } period || period <= TimeSpan.Zero)
        {
            return (Edge.Contracts.Lifecycle.SensorStates.Learning, started == 0 ? 0.0 : null, null);
        }

        double progress = Math.Clamp((Model.Now - started) / period.TotalMicroseconds, 0, 1);
        return (Edge.Contracts.Lifecycle.SensorStates.Learning, Math.Round(progress, 3),
            DateTimeOffset.UnixEpoch.AddTicks((started + (long)period.TotalMicroseconds) * 10));
    }

    /// <summary>The pipeline's counters, set by the capture service once capture starts (read, racily but atomically, by metrics).</summary>
    public Pipeline.DecodeCounters? Counters { get; set; }

    /// <summary>The capture's own statistics (libpcap's received and dropped frames), set by the capture service while it captures.</summary>
    public Capture.ICaptureStatisticsSource? CaptureStatistics
    {
        get => Volatile.Read(ref _captureStatistics);
        set => Volatile.Write(ref _captureStatistics, value);
    }

    /// <summary>How the previous run ended (its exit record, read at start); null on a first start or without a state folder.</summary>
    public Edge.Contracts.Lifecycle.PreviousExit? PreviousExit { get; set; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public PlantModel Model { get; }

    public DetectionEngine Detection { get; }

    /// <summary>Snapshots of the plant state taken by the capture thread, written to disk by the state service.</summary>
    public Channel<byte[]> Snapshots { get; } = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Incident versions and new anomalies, handed off the capture thread to the findings service (file, outbox, uplink).</summary>
    public Channel<Finding> Findings { get; } = Channel.CreateBounded<Finding>(new BoundedChannelOptions(FindingsQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest });

    public long FindingsDropped => Interlocked.Read(ref _findingsDropped);

    /// <summary>Turns of the capture loop (a frame or an idle timeout each), read by the watchdog to tell a live loop from a stuck one.</summary>
    public long Heartbeat;

    /// <summary>Asset inventories built by the capture thread on request, for the findings service to publish what changed.</summary>
    public Channel<IReadOnlyList<Edge.Contracts.Assets.AssetRecord>> AssetSnapshots { get; } =
        Channel.CreateBounded<IReadOnlyList<Edge.Contracts.Assets.AssetRecord>>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Asks the capture thread for the asset inventory at its next chance.</summary>
    public void RequestAssets() => Volatile.Write(ref _assetsRequested, 1);

    /// <summary>On the capture thread, between frames: builds the inventory when asked (allocates; once a minute).</summary>
    public void AssetsIfRequested()
    {
        if (Volatile.Read(ref _assetsRequested) == 1 && Interlocked.Exchange(ref _assetsRequested, 0) == 1)
        {
            AssetSnapshots.Writer.TryWrite(AssetReporter.Snapshot(Model));
        }
    }

    /// <summary>Asks the capture thread for a state snapshot at its next chance.</summary>
    public void RequestSave() => Volatile.Write(ref _saveRequested, 1);

    /// <summary>On the capture thread, between frames: takes a snapshot when one was asked for.</summary>
    public void SnapshotIfRequested()
    {
        if (Volatile.Read(ref _saveRequested) == 1 && Interlocked.Exchange(ref _saveRequested, 0) == 1 && Config.StateFile is not null)
        {
            Snapshots.Writer.TryWrite(PlantStateStore.Serialize(Model));
        }
    }

    private void Enqueue(Finding line)
    {
        if (Findings.Reader.Count >= FindingsQueueCapacity)
        {
            Interlocked.Increment(ref _findingsDropped);
        }

        Findings.Writer.TryWrite(line);
    }
}
