namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// One finding waiting to reach the center: an incident update, an anomaly or an asset change, already serialized.
/// The outbox never looks inside <see cref="Payload"/>; it orders by sequence and drops by <see cref="Severity"/>.
/// </summary>
public sealed record OutboxRecord
{
    /// <summary>The highest severity a finding can have (detection scores run 0-100).</summary>
    public const byte MaxSeverity = 100;

    /// <summary>Creates a record; throws on a severity above <see cref="MaxSeverity"/> or an empty topic or id.</summary>
    public OutboxRecord(string topic, ReadOnlyMemory<byte> payload, string messageId, byte severity, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(severity, MaxSeverity);
        Topic = topic;
        Payload = payload;
        MessageId = messageId;
        Severity = severity;
        CreatedAt = createdAt.ToUniversalTime();
    }

    /// <summary>The MQTT topic the publisher sends it to.</summary>
    public string Topic { get; }

    /// <summary>The serialized finding, opaque to the outbox.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The id the center deduplicates on (a GUID's "N" form for 128-bit ids); kept byte for byte.</summary>
    public string MessageId { get; }

    /// <summary>0 (informational) to 100 (critical); the lowest are dropped first when the outbox is full.</summary>
    public byte Severity { get; }

    /// <summary>When the finding was made, UTC (stored as ticks, so it round-trips exactly).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Records are equal when every field is, payload compared byte by byte.</summary>
    public bool Equals(OutboxRecord? other) =>
        other is not null
        && Topic == other.Topic
        && MessageId == other.MessageId
        && Severity == other.Severity
        && CreatedAt == other.CreatedAt
        && Payload.Span.SequenceEqual(other.Payload.Span);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Topic, MessageId, Severity, CreatedAt, Payload.Length);
}
