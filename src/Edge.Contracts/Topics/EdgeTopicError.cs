namespace Edge.Contracts.Topics;

/// <summary>Why <see cref="EdgeTopics.TryParse(string, out EdgeTopic, out EdgeTopicError)"/> rejected a topic.</summary>
public enum EdgeTopicError
{
    None = 0,
    Empty,

    /// <summary>Does not start with <c>edge/</c>: not an Edge topic at all.</summary>
    NotEdgeTopic,

    /// <summary>Starts with <c>edge/</c> but another schema version (e.g. <c>edge/v2</c>): a newer or older contract.</summary>
    UnsupportedVersion,

    /// <summary>Not exactly five levels: <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/&lt;kind&gt;</c>.</summary>
    WrongLevelCount,

    InvalidSite,
    InvalidSensor,

    /// <summary>The last level is not one of status, incidents, anomalies, assets, metrics.</summary>
    UnknownKind,
}
