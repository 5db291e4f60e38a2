namespace Edge.Contracts;

/// <summary>
/// Version of the wire schema shared by the sensor and the collector. A breaking change to any payload
/// record bumps this and adds a new versioned topic root.
/// </summary>
public static class SchemaInfo
{
    /// <summary>The schema version carried by every payload.</summary>
    public const int Version = 1;

    /// <summary>The versioned root of every MQTT topic Edge publishes under.</summary>
    public const string TopicRoot = "edge/v1";
}
