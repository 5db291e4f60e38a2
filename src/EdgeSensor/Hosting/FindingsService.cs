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
public sealed partial class FindingsService(SensorRuntime runtime, ILogger<FindingsService> logger) : BackgroundService
{
    private readonly MessageIdSource _ids = new(runtime.Config.SensorId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = runtime.Config;
        string? path = config.FindingsFile;
        await using var output = path is null ? null : path == "-" ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using var writer = output is null ? null : new StreamWriter(output) { NewLine = "\n" };

        DiskOutbox? outbox = null;
        MqttUplink? uplink = null;
        Task uplinkRun = Task.CompletedTask;
        using var uplinkStop = new CancellationTokenSource();
        if (config.Uplink is { } u)
        {
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
                BdSeqFile = Path.Combine(u.OutboxDirectory, "bdseq"),
                SensorVersion = typeof(FindingsService).Assembly.GetName().Version?.ToString(),
                MessageIds = _ids,
            }, outbox, line => LogUplink(line));
            uplinkRun = Task.Run(() => uplink.RunAsync(uplinkStop.Token), CancellationToken.None);
        }

        try
        {
            await foreach (var finding in runtime.Findings.Reader.ReadAllAsync(CancellationToken.None))
            {
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
                while ((outbox!.Count > 0 || !uplink.IsConnected) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }
        finally
        {
            await uplinkStop.CancelAsync();
            await uplinkRun;
            if (uplink is not null)
            {
                await uplink.DisposeAsync();
            }

            outbox?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "outbox: {Line}")]
    private partial void LogOutbox(string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private partial void LogUplink(string line);
}
