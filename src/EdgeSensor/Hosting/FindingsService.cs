using System.Text.Json;
using Edge.Contracts.Messaging;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using EdgeSensor.Publishing;
using EdgeSensor.Publishing.Mqtt;
using EdgeSensor.Publishing.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSensor.Hosting;

/// <summary>
/// Takes incident versions and new anomalies off the capture thread: writes them as JSON Lines (findingsFile) and, with an uplink,
/// appends each as an enveloped message to the disk outbox (fsync'd before it may be sent) and runs the MQTT uplink
/// that drains it. Nothing appended is lost: not on a broker outage, not on a restart.
/// </summary>
public sealed partial class FindingsService(SensorRuntime runtime, Health.HealthMonitor health, IHostApplicationLifetime lifetime, ILogger<FindingsService> logger) : BackgroundService
{
    private readonly MessageIdSource _ids = new(runtime.Config.SensorId);

    /// <summary>Score and title last logged per open incident (an incident gets a version per anomaly; the log gets a line when it opens, changes score or title, or closes).</summary>
    private readonly Dictionary<string, (int Score, string Title)> _logged = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = runtime.Config;
        string? path = config.FindingsFile;
        await using var output = path is null ? null : path == "-" ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using var writer = output is null ? null : new StreamWriter(output) { NewLine = "\n" };

        DiskOutbox? outbox = null;
        MqttUplink? uplink = null;
        Task uplinkRun = Task.CompletedTask;
        Task metricsRun = Task.CompletedTask;
        Task assetsRun = Task.CompletedTask;
        using var uplinkStop = new CancellationTokenSource();
        Task renewalRun = Task.CompletedTask;
        if (config.Uplink is { } u)
        {
            // A provisioned sensor also takes its configuration and renews its certificate over the uplink.
            Provisioning.ProvisionedSession? session = config.Identity is null ? null : new Provisioning.ProvisionedSession(runtime, () =>
            {
                runtime.RestartRequested = true;
                lifetime.StopApplication();
            }, line => LogUplink(line));
            outbox = new DiskOutbox(new OutboxOptions { Directory = u.OutboxDirectory, MaxBytes = u.OutboxMaxBytes, Log = line => LogOutbox(line) });
            uplink = new MqttUplink(new UplinkOptions
            {
                Host = u.Host,
                Port = u.Port,
                Site = config.Site,
                Sensor = config.SensorId,
                CaFile = u.CaFile,
                CertificateFile = u.CertificateFile,
                KeyFile = u.KeyFile,
                ClientCertificate = session is not null ? session.ClientCertificate : u.ClientCertificate,
                Ca = u.Ca,
                Subscriptions = session?.Topics ?? [],
                OnMessage = session is null ? null : session.OnMessageAsync,
                ConfigState = session is null ? null : session.ConfigState,
                BdSeqFile = Path.Combine(u.OutboxDirectory, "bdseq"),
                SensorVersion = Cli.ProductVersion.Text,
                MessageIds = _ids,
                Phase = runtime.Phase,
                PreviousExit = runtime.PreviousExit,
                OnCommand = command =>
                {
                    if (!runtime.Alarms.Acknowledge(command.IncidentId, command.By, command.At))
                    {
                        LogUplink($"collector: incident {command.IncidentId} acknowledged by {command.By}: not open here (closed, or already acknowledged)");
                    }
                },
            }, outbox, line => LogUplink(line));
            long outboxMax = u.OutboxMaxBytes;
            runtime.UplinkLight = () => (uplink.IsConnected && outbox.Count == 0 ? Status.UplinkLight.Connected : Status.UplinkLight.Down,
                Math.Clamp((double)outbox.Bytes / outboxMax, 0, 1));
            uplinkRun = Task.Run(() => uplink.RunAsync(uplinkStop.Token), CancellationToken.None);
            if (session is not null)
            {
                session.Attach(uplink);
                renewalRun = Task.Run(() => session.RenewWhenDueAsync(uplinkStop.Token), CancellationToken.None);
            }

            assetsRun = Task.Run(() => PublishAssetChangesAsync(outbox, uplink), CancellationToken.None);
            metricsRun = Task.WhenAll(Task.Run(() => PublishMetricsAsync(outbox, uplink, uplinkStop.Token), CancellationToken.None), assetsRun);
        }

        try
        {
            await foreach (var finding in runtime.Findings.Reader.ReadAllAsync(CancellationToken.None))
            {
                if (finding.Incident is { } version)
                {
                    LogWhenChanged(version);
                    runtime.Alarms.Update(version.IncidentId, version.Score, version.State == "open");
                }

                if (writer is not null)
                {
                    await writer.WriteLineAsync(finding.Incident is { } i
                        ? JsonSerializer.Serialize(i, EdgeJsonContext.Default.BreachSummaryRecord)
                        : JsonSerializer.Serialize(finding.Anomaly!, EdgeJsonContext.Default.AnomalyRecord));
                    if (runtime.Findings.Reader.Count == 0)
                    {
                        await writer.FlushAsync(CancellationToken.None);
                    }
                }

                if (outbox is not null)
                {
                    var id = _ids.Next();
                    (string topic, byte[] payload, int score) = finding.Incident is { } incident
                        ? (EdgeTopics.IncidentsTopic(config.Site, config.SensorId),
                           JsonSerializer.SerializeToUtf8Bytes(EdgeEnvelopes.Create(id, config.Site, incident.LastSeen, incident), EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord),
                           incident.Score)
                        : (EdgeTopics.AnomaliesTopic(config.Site, config.SensorId),
                           JsonSerializer.SerializeToUtf8Bytes(EdgeEnvelopes.Create(id, config.Site, finding.Anomaly!.LastSeen, finding.Anomaly), EdgeJsonContext.Default.EdgeEnvelopeAnomalyRecord),
                           finding.Anomaly.Score);
                    outbox.Append(new OutboxRecord(topic, payload, id.ToString(), (byte)Math.Clamp(score, 0, 100), DateTimeOffset.UtcNow));
                    uplink!.Notify();
                }
            }

            // Capture ended (or the sensor is stopping): give the uplink a moment to drain, then stop it; what is
            // left stays in the outbox for the next run.
            if (uplink is not null)
            {
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(stoppingToken.IsCancellationRequested ? 2 : 10);

                // The last asset snapshot is taken as capture ends: let it reach the outbox before judging it drained.
                await Task.WhenAny(assetsRun, Task.Delay(deadline - DateTime.UtcNow, CancellationToken.None));
                while ((outbox!.Count > 0 || !uplink.IsConnected) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }
        finally
        {
            await uplinkStop.CancelAsync();
            await metricsRun;
            await renewalRun;
            await uplinkRun;
            if (uplink is not null)
            {
                await uplink.DisposeAsync();
            }

            outbox?.Dispose();
        }
    }

    private void LogWhenChanged(Edge.Contracts.Detection.BreachSummaryRecord incident)
    {
        if (incident.State == "closed")
        {
            if (_logged.Remove(incident.IncidentId))
            {
                LogIncidentClosed(incident.Device, incident.Score, incident.Title);
            }

            return;
        }

        if (_logged.TryGetValue(incident.IncidentId, out var last) && last.Score == incident.Score && last.Title == incident.Title)
        {
            return;
        }

        _logged[incident.IncidentId] = (incident.Score, incident.Title);
        LogIncident(incident.Device, incident.Score, incident.Title);
    }

    /// <summary>
    /// Every metricsIntervalSeconds: the sensor's counters and its health (read here, off the capture thread) into the
    /// outbox at the lowest severity (metrics are the first to go when the outbox is full; findings are kept).
    /// </summary>
    private async Task PublishMetricsAsync(DiskOutbox outbox, MqttUplink uplink, CancellationToken stop)
    {
        var config = runtime.Config;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.MetricsIntervalSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var id = _ids.Next();
                var metrics = Metrics(outbox);
                byte[] payload = JsonSerializer.SerializeToUtf8Bytes(EdgeEnvelopes.Create(id, config.Site, metrics.Time, metrics), EdgeJsonContext.Default.EdgeEnvelopeSensorMetricsRecord);
                outbox.Append(new OutboxRecord(EdgeTopics.MetricsTopic(config.Site, config.SensorId), payload, id.ToString(), 0, DateTimeOffset.UtcNow));
                uplink.Notify();
                await uplink.PublishPhaseAsync(stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Asset changes: the capture thread builds the inventory when asked (each metrics interval, and at the end); an
    /// asset is published when it is new or its record changed beyond its traffic counters and last-seen time.
    /// </summary>
    private async Task PublishAssetChangesAsync(DiskOutbox outbox, MqttUplink uplink)
    {
        var config = runtime.Config;
        var published = new Dictionary<string, string>(StringComparer.Ordinal);
        using var ask = new PeriodicTimer(TimeSpan.FromSeconds(config.MetricsIntervalSeconds));
        var asking = Task.Run(async () =>
        {
            while (await ask.WaitForNextTickAsync())
            {
                runtime.RequestAssets();
            }
        });
        await foreach (var assets in runtime.AssetSnapshots.Reader.ReadAllAsync(CancellationToken.None))
        {
            foreach (var asset in assets)
            {
                string shape = ChangeKey(asset);
                if (published.TryGetValue(asset.AssetId, out string? before) && before == shape)
                {
                    continue;
                }

                published[asset.AssetId] = shape;
                var id = _ids.Next();
                byte[] payload = JsonSerializer.SerializeToUtf8Bytes(EdgeEnvelopes.Create(id, config.Site, asset.LastSeen, asset), EdgeJsonContext.Default.EdgeEnvelopeAssetRecord);
                outbox.Append(new OutboxRecord(EdgeTopics.AssetsTopic(config.Site, config.SensorId), payload, id.ToString(), 10, DateTimeOffset.UtcNow));
                uplink.Notify();
            }
        }

        ask.Dispose();
        await asking;
    }

    /// <summary>
    /// What makes an asset change worth publishing: identity, role and confidence, zone, addresses, protocols, vendor,
    /// new-ness; not its traffic counters, times, peers or the counts inside evidence sentences.
    /// </summary>
    private static string ChangeKey(Edge.Contracts.Assets.AssetRecord a) => string.Join('|',
        a.Role.Role, a.Role.Confidence.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        a.Identity is null ? string.Empty : JsonSerializer.Serialize(a.Identity with { OperatingStateSince = null }, EdgeJsonContext.Default.DeviceIdentity),
        a.Zone.Name, a.Zone.Source, string.Join(',', a.MacAddresses), string.Join(',', a.Vlans), string.Join(',', a.ProtocolsServed),
        string.Join(',', a.ProtocolsUsed), a.MacVendor, a.IsNew);

    private Edge.Contracts.Lifecycle.SensorMetricsRecord Metrics(DiskOutbox outbox)
    {
        // Counters are written by the capture thread; 64-bit reads are atomic, and a metric a moment old is fine.
        var c = runtime.Counters;
        var malformed = new Dictionary<string, long>(StringComparer.Ordinal);
        if (c is not null)
        {
            foreach (var (name, count) in Stats.StatsCommand.MalformedByReason(c))
            {
                malformed[name] = count;
            }
        }

        var incidents = runtime.Detection.Incidents;
        Edge.Contracts.Lifecycle.SensorHealth now = health.Snapshot();
        return new Edge.Contracts.Lifecycle.SensorMetricsRecord
        {
            Time = DateTimeOffset.UtcNow,
            StartedAt = runtime.StartedAt,
            Frames = c?.Frames ?? 0,
            Bytes = c?.Bytes ?? 0,
            Drops = (now.Capture?.KernelDropped ?? 0) + (now.Capture?.InterfaceDropped ?? 0),
            Malformed = malformed,
            Flows = c?.FlowsCreated ?? 0,
            Outbox = new Edge.Contracts.Lifecycle.OutboxMetrics { Depth = outbox.Count, Bytes = outbox.Bytes, Dropped = outbox.Dropped },
            Devices = runtime.Model.Devices.Count,
            Relations = runtime.Model.Relations.Count,
            Anomalies = incidents.AnomalyCount,
            Incidents = incidents.IncidentCount,
            Health = now,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "incident about {Device}, score {Score}: {Title}")]
    private partial void LogIncident(string device, int score, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "incident about {Device} closed, score {Score}: {Title}")]
    private partial void LogIncidentClosed(string device, int score, string title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "outbox: {Line}")]
    private partial void LogOutbox(string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private partial void LogUplink(string line);
}
