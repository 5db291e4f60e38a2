namespace Edge.Contracts.Topics;

/// <summary>A parsed or built Edge topic: <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/&lt;kind&gt;</c>.</summary>
public readonly record struct EdgeTopic(string Site, string Sensor, EdgeTopicKind Kind)
{
    /// <summary>True for topics published retained (only <see cref="EdgeTopicKind.Status"/>).</summary>
    public bool IsRetained => EdgeTopics.IsRetained(Kind);

    /// <summary>The topic to publish to; throws <see cref="ArgumentException"/> when the site, sensor or kind is invalid.</summary>
    public string ToTopic() => EdgeTopics.Build(Site, Sensor, Kind);

    /// <summary>The topic text without validation (safe for logs and debuggers); use <see cref="ToTopic"/> to publish.</summary>
    public override string ToString() => string.Concat(
        SchemaInfo.TopicRoot, "/", Site, "/", Sensor, "/", Kind == EdgeTopicKind.Unknown ? "?" : EdgeTopics.KindLevel(Kind));
}
