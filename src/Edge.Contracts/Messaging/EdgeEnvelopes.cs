using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Topics;

namespace Edge.Contracts.Messaging;

/// <summary>
/// Builds envelopes so that the envelope's <c>sensor</c> is the message id's sensor, <c>type</c> is the record's own
/// type, and the topic matches the record: one place where a publisher cannot mix them up.
/// </summary>
public static class EdgeEnvelopes
{
    public static EdgeEnvelope<AssetRecord> Create(MessageId id, string site, DateTimeOffset time, AssetRecord payload) =>
        Create(id, site, time, payload, payload?.Type);

    public static EdgeEnvelope<AnomalyRecord> Create(MessageId id, string site, DateTimeOffset time, AnomalyRecord payload) =>
        Create(id, site, time, payload, payload?.Type);

    public static EdgeEnvelope<BreachSummaryRecord> Create(MessageId id, string site, DateTimeOffset time, BreachSummaryRecord payload) =>
        Create(id, site, time, payload, payload?.Type);

    public static EdgeEnvelope<SensorStatusRecord> Create(MessageId id, string site, DateTimeOffset time, SensorStatusRecord payload) =>
        Create(id, site, time, payload, payload?.Type);

    public static EdgeEnvelope<SensorMetricsRecord> Create(MessageId id, string site, DateTimeOffset time, SensorMetricsRecord payload) =>
        Create(id, site, time, payload, payload?.Type);

    /// <summary>The topic an envelope is published on: its site, its sensor, and the kind its record type belongs to.</summary>
    public static EdgeTopic TopicOf<TPayload>(EdgeEnvelope<TPayload> envelope)
        where TPayload : class
    {
        ArgumentNullException.ThrowIfNull(envelope);
        EdgeTopicKind kind = KindOf(envelope.Type);
        if (kind == EdgeTopicKind.Unknown)
        {
            throw new ArgumentException($"No topic carries records of type '{envelope.Type}'.", nameof(envelope));
        }

        return new EdgeTopic(envelope.Site, envelope.Sensor, kind);
    }

    /// <summary>The topic kind for a record's <c>type</c> ("asset" -> assets, ...); <see cref="EdgeTopicKind.Unknown"/> for others.</summary>
    public static EdgeTopicKind KindOf(string? recordType) => recordType switch
    {
        "asset" => EdgeTopicKind.Assets,
        "anomaly" => EdgeTopicKind.Anomalies,
        "incident" => EdgeTopicKind.Incidents,
        "status" => EdgeTopicKind.Status,
        "metrics" => EdgeTopicKind.Metrics,
        _ => EdgeTopicKind.Unknown,
    };

    private static EdgeEnvelope<T> Create<T>(MessageId id, string site, DateTimeOffset time, T payload, string? type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(payload);
        EdgeIds.ThrowIfInvalid(site, nameof(site));
        EdgeIds.ThrowIfInvalid(id.Sensor, nameof(id));
        return new EdgeEnvelope<T>
        {
            MessageId = id.ToString(),
            Site = site,
            Sensor = id.Sensor,
            Type = type ?? throw new ArgumentException("The record has no type.", nameof(payload)),
            Time = time.ToUniversalTime(),
            Payload = payload,
        };
    }
}
