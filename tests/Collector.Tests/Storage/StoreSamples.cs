using System.Text;
using System.Text.Json;
using Collector.Storage;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;

namespace Collector.Tests.Storage;

/// <summary>Validated messages as the ingest writer hands them to a store, built from the contract's golden records.</summary>
internal static class StoreSamples
{
    public const string Site = "plant-a";
    public const string Sensor = "s7-line1";

    /// <summary>The collector's clock for the samples: fixed, so stored times can be asserted.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 21, 0, 0, TimeSpan.Zero);

    public static readonly SensorMetricsRecord Metrics = JsonSerializer.Deserialize(
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "metrics.json")), EdgeJsonContext.Default.SensorMetricsRecord)!;

    public static string Id(int sequence, string sensor = Sensor) => $"{sensor}:1000:{sequence}";

    public static StoredMessage Incident(string id, BreachSummaryRecord? incident = null, string sensor = Sensor, DateTimeOffset? receivedAt = null) =>
        Message(id, sensor, EdgeTopicKind.Incidents, incident ?? Samples.Incident, receivedAt,
            Samples.IncidentMessage(Site, sensor, id, incident));

    public static StoredMessage Anomaly(string id, AnomalyRecord? anomaly = null) =>
        Message(id, Sensor, EdgeTopicKind.Anomalies, anomaly ?? Samples.Anomaly, null, Samples.AnomalyMessage(Site, Sensor, id));

    public static StoredMessage Asset(string id, AssetRecord? asset = null) =>
        Message(id, Sensor, EdgeTopicKind.Assets, asset ?? Samples.Asset, null, Samples.AssetMessage(Site, Sensor, id));

    public static StoredMessage Status(string id, SensorStatusRecord status, string sensor = Sensor) =>
        Message(id, sensor, EdgeTopicKind.Status, status, null, Samples.StatusMessage(Site, sensor, id, status));

    public static StoredMessage MetricsMessage(string id) =>
        Message(id, Sensor, EdgeTopicKind.Metrics, Metrics, null, JsonSerializer.SerializeToUtf8Bytes(Metrics, EdgeJsonContext.Default.SensorMetricsRecord));

    public static DeadLetter DeadLetter(DeadLetterReason reason, byte[] payload) =>
        new(Now, Sensor, EdgeTopics.IncidentsTopic(Site, Sensor), payload, reason, "detail of " + DeadLetterReasons.Name(reason));

    private static StoredMessage Message(string id, string sensor, EdgeTopicKind kind, object record, DateTimeOffset? receivedAt, byte[] payload) =>
        new(id, Site, sensor, kind, 1, Now.AddSeconds(-1), receivedAt ?? Now, record, Encoding.UTF8.GetString(payload));
}
