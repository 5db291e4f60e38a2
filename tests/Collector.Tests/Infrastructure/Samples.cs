using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Messaging;
using Edge.Contracts.Serialization;

namespace Collector.Tests.Infrastructure;

/// <summary>Wire payloads built from the contract's golden records, wrapped in envelopes with chosen ids.</summary>
internal static class Samples
{
    public static readonly BreachSummaryRecord Incident = Golden("incident.json", EdgeJsonContext.Default.BreachSummaryRecord);
    public static readonly AnomalyRecord Anomaly = Golden("anomaly.json", EdgeJsonContext.Default.AnomalyRecord);
    public static readonly AssetRecord Asset = Golden("asset.json", EdgeJsonContext.Default.AssetRecord);
    public static readonly SensorStatusRecord Birth = Golden("status-birth.json", EdgeJsonContext.Default.SensorStatusRecord);
    public static readonly SensorMetricsRecord Metrics = Golden("metrics.json", EdgeJsonContext.Default.SensorMetricsRecord);

    public static byte[] Envelope<T>(T record, string type, string site, string sensor, string messageId, JsonTypeInfo<EdgeEnvelope<T>> info)
        where T : class =>
        JsonSerializer.SerializeToUtf8Bytes(new EdgeEnvelope<T>
        {
            MessageId = messageId,
            Site = site,
            Sensor = sensor,
            Type = type,
            Time = DateTimeOffset.UtcNow,
            Payload = record,
        }, info);

    public static byte[] IncidentMessage(string site, string sensor, string messageId, BreachSummaryRecord? incident = null) =>
        Envelope(incident ?? Incident, "incident", site, sensor, messageId, EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord);

    public static byte[] AnomalyMessage(string site, string sensor, string messageId) =>
        Envelope(Anomaly, "anomaly", site, sensor, messageId, EdgeJsonContext.Default.EdgeEnvelopeAnomalyRecord);

    public static byte[] AssetMessage(string site, string sensor, string messageId) =>
        Envelope(Asset, "asset", site, sensor, messageId, EdgeJsonContext.Default.EdgeEnvelopeAssetRecord);

    public static byte[] StatusMessage(string site, string sensor, string messageId, SensorStatusRecord status) =>
        Envelope(status, "status", site, sensor, messageId, EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord);

    private static T Golden<T>(string file, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", file)), info)
        ?? throw new InvalidOperationException(file);
}
