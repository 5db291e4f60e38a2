namespace Edge.Contracts.Messaging;

/// <summary>
/// What every MQTT payload is: the message metadata around one record. The records themselves
/// (<see cref="Assets.AssetRecord"/>, <see cref="Detection.AnomalyRecord"/>, ...) stay as they are, and are still what
/// <c>edge-sensor analyze --json</c> prints; the envelope adds what only publishing knows.
/// <para>Why an envelope and not MQTT 5 user properties: the metadata must survive the outbox on disk, MQTT 3.1.1
/// bridges and the collector's raw store, and one JSON document is easy to dedupe, replay and archive. The same values
/// may additionally be sent as user properties (<see cref="MqttUserProperties"/>) for routing without parsing.</para>
/// </summary>
public sealed record EdgeEnvelope<TPayload>
    where TPayload : class
{
    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    /// <summary><see cref="MessageId"/> as text; unique per sensor, the collector's dedup key.</summary>
    public required string MessageId { get; init; }

    public required string Site { get; init; }

    public required string Sensor { get; init; }

    /// <summary>The payload's record type ("asset", "anomaly", "incident", "status", "metrics"), as in its <c>type</c> field.</summary>
    public required string Type { get; init; }

    /// <summary>When the sensor created the message (UTC). For a will, when it was registered at connect.</summary>
    public required DateTimeOffset Time { get; init; }

    public required TPayload Payload { get; init; }
}
