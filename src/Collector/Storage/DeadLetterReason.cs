namespace Collector.Storage;

/// <summary>Why ingest refused a message; stored as the kebab-case name in <c>dead_letters.reason</c>.</summary>
public enum DeadLetterReason
{
    Unknown = 0,

    /// <summary>The topic is not an <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/&lt;kind&gt;</c> topic.</summary>
    BadTopic,

    /// <summary>The topic names another sensor than the publishing client's certificate.</summary>
    TopicNotClientIdentity,

    /// <summary>The sensor is not registered for that site (when the collector keeps a sensor list).</summary>
    UnknownSensor,

    /// <summary>Not JSON, or JSON that is not the envelope of the topic's record (missing required fields, wrong types).</summary>
    BadJson,

    /// <summary>The envelope's or the record's schema version is not one this collector reads.</summary>
    UnsupportedSchemaVersion,

    /// <summary>Valid JSON whose envelope contradicts the topic (site, sensor, type) or carries a bad message id.</summary>
    EnvelopeMismatch,
}
