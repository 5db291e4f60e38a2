using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Collector.Storage;
using Edge.Contracts;
using Edge.Contracts.Messaging;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;

namespace Collector.Ingest;

/// <summary>
/// Checks one publish against the contract, in order: the topic parses and names the publishing client's own sensor
/// (the ACL), the sensor is registered for the site, the payload is the topic's envelope (source-generated JSON), both
/// schema versions are <see cref="SchemaInfo.Version"/>, and the envelope agrees with the topic (site, sensor, type,
/// and a message id of that sensor). Never throws on what a client sent; the first failure is the reason.
/// </summary>
public sealed class MessageValidator(SensorAllowList sensors)
{
    /// <summary>A publish the embedded broker received from <paramref name="clientId"/> (the certificate's sensor id).</summary>
    public Verdict Validate(string? clientId, string topicText, byte[] payload, DateTimeOffset receivedAt) =>
        Validate(clientId ?? string.Empty, checkClient: true, topicText, payload, receivedAt);

    /// <summary>
    /// A publish relayed by an external broker, which does not say who sent it: the broker's ACL binds each
    /// certificate identity to its own topics (see the README), so the publisher is the topic's sensor. Everything
    /// else is checked as for <see cref="Validate(string?, string, byte[], DateTimeOffset)"/>.
    /// </summary>
    public Verdict ValidateRelayed(string topicText, byte[] payload, DateTimeOffset receivedAt) =>
        Validate("(relayed by the broker)", checkClient: false, topicText, payload, receivedAt);

    private Verdict Validate(string client, bool checkClient, string topicText, byte[] payload, DateTimeOffset receivedAt)
    {
        if (!EdgeTopics.TryParse(topicText, out EdgeTopic topic, out EdgeTopicError topicError))
        {
            return Reject(DeadLetterReason.BadTopic, $"topic rejected: {topicError}");
        }

        if (checkClient && !string.Equals(topic.Sensor, client, StringComparison.Ordinal))
        {
            return Reject(DeadLetterReason.TopicNotClientIdentity,
                $"client '{client}' may publish only under its own sensor id, not '{topic.Sensor}'");
        }

        if (Edge.Contracts.Provisioning.ProvisioningTopics.IsClaim(topic.Sensor))
        {
            return Reject(DeadLetterReason.UnknownSensor, $"'{topic.Sensor}' is a claim identity: it may only ask to be provisioned, not report");
        }

        if (!sensors.IsKnown(topic.Site, topic.Sensor))
        {
            return Reject(DeadLetterReason.UnknownSensor, $"sensor '{topic.Sensor}' is not registered for site '{topic.Site}'");
        }

        Envelope envelope;
        try
        {
            Envelope? read = topic.Kind switch
            {
                EdgeTopicKind.Status => Read(payload, EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord, r => (r.SchemaVersion, r.Type)),
                EdgeTopicKind.Incidents => Read(payload, EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord, r => (r.SchemaVersion, r.Type)),
                EdgeTopicKind.Anomalies => Read(payload, EdgeJsonContext.Default.EdgeEnvelopeAnomalyRecord, r => (r.SchemaVersion, r.Type)),
                EdgeTopicKind.Assets => Read(payload, EdgeJsonContext.Default.EdgeEnvelopeAssetRecord, r => (r.SchemaVersion, r.Type)),
                EdgeTopicKind.Metrics => Read(payload, EdgeJsonContext.Default.EdgeEnvelopeSensorMetricsRecord, r => (r.SchemaVersion, r.Type)),
                _ => null,
            };
            if (read is null)
            {
                return Reject(DeadLetterReason.BadJson, "payload is JSON null, not an envelope");
            }

            envelope = read;
        }
        catch (JsonException ex)
        {
            // A newer contract may fail to bind for reasons of its own; name the version when it says one.
            int? version = PeekSchemaVersion(payload);
            return version is { } v && v != SchemaInfo.Version
                ? Reject(DeadLetterReason.UnsupportedSchemaVersion, $"schemaVersion {v}; this collector reads {SchemaInfo.Version}")
                : Reject(DeadLetterReason.BadJson, ex.Message);
        }

        if (envelope.SchemaVersion != SchemaInfo.Version || envelope.RecordSchemaVersion != SchemaInfo.Version)
        {
            return Reject(DeadLetterReason.UnsupportedSchemaVersion,
                $"envelope schemaVersion {envelope.SchemaVersion}, record {envelope.RecordSchemaVersion}; this collector reads {SchemaInfo.Version}");
        }

        string expectedType = RecordType(topic.Kind);
        if (envelope.Site != topic.Site || envelope.Sensor != topic.Sensor)
        {
            return Reject(DeadLetterReason.EnvelopeMismatch, $"envelope says {envelope.Site}/{envelope.Sensor}, topic {topic.Site}/{topic.Sensor}");
        }

        if (envelope.Type != expectedType || envelope.RecordType != expectedType)
        {
            return Reject(DeadLetterReason.EnvelopeMismatch, $"type '{envelope.Type}'/'{envelope.RecordType}' on a {EdgeTopics.KindLevel(topic.Kind)} topic");
        }

        if (!MessageId.TryParse(envelope.MessageId, out MessageId id) || id.Sensor != topic.Sensor)
        {
            return Reject(DeadLetterReason.EnvelopeMismatch, $"message id '{envelope.MessageId}' is not <{topic.Sensor}>:<run>:<sequence>");
        }

        return Verdict.Accept(new StoredMessage(
            envelope.MessageId, topic.Site, topic.Sensor, topic.Kind, envelope.SchemaVersion, envelope.Time, receivedAt,
            envelope.Record, Encoding.UTF8.GetString(payload)));

        Verdict Reject(DeadLetterReason reason, string detail) =>
            Verdict.Reject(new DeadLetter(receivedAt, client, topicText, payload, reason, detail));
    }

    /// <summary>The record type string the contract puts in both the envelope and the record for a topic kind.</summary>
    public static string RecordType(EdgeTopicKind kind) => kind switch
    {
        EdgeTopicKind.Status => "status",
        EdgeTopicKind.Incidents => "incident",
        EdgeTopicKind.Anomalies => "anomaly",
        EdgeTopicKind.Assets => "asset",
        EdgeTopicKind.Metrics => "metrics",
        _ => string.Empty,
    };

    private static Envelope? Read<T>(byte[] payload, JsonTypeInfo<EdgeEnvelope<T>> info, Func<T, (int Version, string Type)> describe)
        where T : class
    {
        EdgeEnvelope<T>? e = JsonSerializer.Deserialize(payload, info);
        if (e is null)
        {
            return null;
        }

        (int recordVersion, string recordType) = describe(e.Payload);
        return new Envelope(e.SchemaVersion, e.MessageId, e.Site, e.Sensor, e.Type, e.Time, e.Payload, recordVersion, recordType);
    }

    /// <summary>The top-level <c>schemaVersion</c> number, if the payload is JSON that has one.</summary>
    private static int? PeekSchemaVersion(byte[] payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isVersion = reader.ValueTextEquals("schemaVersion"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int v) ? v : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: no version to report.
        }

        return null;
    }

    private sealed record Envelope(
        int SchemaVersion, string MessageId, string Site, string Sensor, string Type, DateTimeOffset Time,
        object Record, int RecordSchemaVersion, string RecordType);
}
