namespace Edge.Contracts.Topics;

/// <summary>
/// The topic tree. Every message lives under <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/&lt;kind&gt;</c>, where the root
/// carries the schema version (<see cref="SchemaInfo.TopicRoot"/>): a breaking change publishes under a new root and
/// collectors subscribe to the roots they understand. Builders validate ids and throw; the parser never throws and
/// names the first problem.
/// </summary>
public static class EdgeTopics
{
    public const string Status = "status";
    public const string Incidents = "incidents";
    public const string Anomalies = "anomalies";
    public const string Assets = "assets";
    public const string Metrics = "metrics";

    /// <summary>Prefix MQTT 5 brokers use for shared subscriptions (MQTT 5.0 section 4.8.2).</summary>
    public const string SharedSubscriptionPrefix = "$share/";

    private const string EdgePrefix = "edge/";

    /// <summary><c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/&lt;kind&gt;</c>; throws <see cref="ArgumentException"/> with the reason for a bad id.</summary>
    public static string Build(string site, string sensor, EdgeTopicKind kind)
    {
        EdgeIds.ThrowIfInvalid(site, nameof(site));
        EdgeIds.ThrowIfInvalid(sensor, nameof(sensor));
        return string.Concat(SchemaInfo.TopicRoot, "/", site, "/", sensor, "/", KindLevel(kind));
    }

    public static string StatusTopic(string site, string sensor) => Build(site, sensor, EdgeTopicKind.Status);

    public static string IncidentsTopic(string site, string sensor) => Build(site, sensor, EdgeTopicKind.Incidents);

    public static string AnomaliesTopic(string site, string sensor) => Build(site, sensor, EdgeTopicKind.Anomalies);

    public static string AssetsTopic(string site, string sensor) => Build(site, sensor, EdgeTopicKind.Assets);

    public static string MetricsTopic(string site, string sensor) => Build(site, sensor, EdgeTopicKind.Metrics);

    /// <summary>Only status is retained: a collector that connects late learns every sensor's state at once.</summary>
    public static bool IsRetained(EdgeTopicKind kind) => kind == EdgeTopicKind.Status;

    /// <summary>The topic level of a kind ("status", "incidents", ...).</summary>
    public static string KindLevel(EdgeTopicKind kind) => kind switch
    {
        EdgeTopicKind.Status => Status,
        EdgeTopicKind.Incidents => Incidents,
        EdgeTopicKind.Anomalies => Anomalies,
        EdgeTopicKind.Assets => Assets,
        EdgeTopicKind.Metrics => Metrics,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a topic kind."),
    };

    /// <summary>The kind of a topic level; <see cref="EdgeTopicKind.Unknown"/> when it is none (case-sensitive, as MQTT topics are).</summary>
    public static EdgeTopicKind ParseKind(ReadOnlySpan<char> level) => level switch
    {
        Status => EdgeTopicKind.Status,
        Incidents => EdgeTopicKind.Incidents,
        Anomalies => EdgeTopicKind.Anomalies,
        Assets => EdgeTopicKind.Assets,
        Metrics => EdgeTopicKind.Metrics,
        _ => EdgeTopicKind.Unknown,
    };

    /// <summary>Everything this schema version publishes: <c>edge/v1/+/+/#</c>.</summary>
    public static string AllFilter() => SchemaInfo.TopicRoot + "/+/+/#";

    /// <summary>One kind from every sensor of every site, e.g. <c>edge/v1/+/+/incidents</c>.</summary>
    public static string KindFilter(EdgeTopicKind kind) => SchemaInfo.TopicRoot + "/+/+/" + KindLevel(kind);

    /// <summary>Everything one sensor publishes: <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/#</c>.</summary>
    public static string SensorFilter(string site, string sensor)
    {
        EdgeIds.ThrowIfInvalid(site, nameof(site));
        EdgeIds.ThrowIfInvalid(sensor, nameof(sensor));
        return string.Concat(SchemaInfo.TopicRoot, "/", site, "/", sensor, "/#");
    }

    /// <summary>
    /// <c>$share/&lt;group&gt;/edge/v1/+/+/#</c>: collectors of one group share the load, each message going to one of
    /// them. Retained status messages are not sent to shared subscriptions (MQTT 5.0 section 4.8.2), so a collector also
    /// subscribes to <see cref="KindFilter"/>(<see cref="EdgeTopicKind.Status"/>) without sharing.
    /// </summary>
    public static string SharedSubscriptionFilter(string group)
    {
        EdgeIds.ThrowIfInvalid(group, nameof(group));
        return string.Concat(SharedSubscriptionPrefix, group, "/", AllFilter());
    }

    /// <summary>Parses a topic a message arrived on; false for anything that is not exactly a v1 Edge topic.</summary>
    public static bool TryParse(string? topic, out EdgeTopic result) => TryParse(topic, out result, out _);

    /// <summary>Parses a topic a message arrived on, and says why it was rejected.</summary>
    public static bool TryParse(string? topic, out EdgeTopic result, out EdgeTopicError error)
    {
        result = default;
        if (string.IsNullOrEmpty(topic))
        {
            error = EdgeTopicError.Empty;
            return false;
        }

        if (!topic.StartsWith(EdgePrefix, StringComparison.Ordinal))
        {
            error = EdgeTopicError.NotEdgeTopic;
            return false;
        }

        ReadOnlySpan<char> span = topic;
        Span<Range> levels = stackalloc Range[6];

        // Split into at most 6 parts: a sixth part means too many levels, whatever follows.
        int count = span.Split(levels, '/');
        if (count < 2 || !span[levels[1]].SequenceEqual(SchemaInfo.TopicRoot.AsSpan(EdgePrefix.Length)))
        {
            error = EdgeTopicError.UnsupportedVersion;
            return false;
        }

        if (count != 5)
        {
            error = EdgeTopicError.WrongLevelCount;
            return false;
        }

        string site = topic[levels[2]];
        if (!EdgeIds.IsValid(site))
        {
            error = EdgeTopicError.InvalidSite;
            return false;
        }

        string sensor = topic[levels[3]];
        if (!EdgeIds.IsValid(sensor))
        {
            error = EdgeTopicError.InvalidSensor;
            return false;
        }

        EdgeTopicKind kind = ParseKind(span[levels[4]]);
        if (kind == EdgeTopicKind.Unknown)
        {
            error = EdgeTopicError.UnknownKind;
            return false;
        }

        result = new EdgeTopic(site, sensor, kind);
        error = EdgeTopicError.None;
        return true;
    }
}
