namespace Edge.Contracts.Topics;

/// <summary>A parsed or built Edge topic: <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/&lt;kind&gt;</c>.</summary>
public readonly record struct EdgeTopic(string Site, string Sensor, EdgeTopicKind Kind)
{
    /// <summary>True for topics published retained (only <see cref="EdgeTopicKind.Status"/>).</summary>
    public bool IsRetained => EdgeTopics.IsRetained(Kind);

    /// <summary>The topic string; throws when the site, sensor or kind is invalid.</summary>
    public override string ToString() => EdgeTopics.Build(Site, Sensor, Kind);
}
