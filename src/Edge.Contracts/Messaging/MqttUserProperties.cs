namespace Edge.Contracts.Messaging;

/// <summary>
/// Names of the optional MQTT 5 user properties mirroring the envelope, so a broker rule or a collector can route or
/// drop a message without parsing JSON. The envelope is authoritative; these are a convenience.
/// </summary>
public static class MqttUserProperties
{
    public const string MessageId = "edge-message-id";
    public const string SchemaVersion = "edge-schema-version";
    public const string Type = "edge-type";

    /// <summary>On status messages and the will: the birth/death sequence (<see cref="Lifecycle.SensorStatusRecord.BdSeq"/>).</summary>
    public const string BdSeq = "edge-bdseq";

    /// <summary>MQTT 5 content type of every Edge payload.</summary>
    public const string ContentType = "application/json";
}
