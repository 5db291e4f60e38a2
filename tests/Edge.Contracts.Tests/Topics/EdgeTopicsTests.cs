using Edge.Contracts.Topics;

namespace Edge.Contracts.Tests.Topics;

/// <summary>The topic tree: builders, the strict parser (valid, invalid ids, wildcards, wrong root), filters.</summary>
public sealed class EdgeTopicsTests
{
    [Theory]
    [InlineData(EdgeTopicKind.Status, "edge/v1/plant-a/s7-line1/status")]
    [InlineData(EdgeTopicKind.Incidents, "edge/v1/plant-a/s7-line1/incidents")]
    [InlineData(EdgeTopicKind.Anomalies, "edge/v1/plant-a/s7-line1/anomalies")]
    [InlineData(EdgeTopicKind.Assets, "edge/v1/plant-a/s7-line1/assets")]
    [InlineData(EdgeTopicKind.Metrics, "edge/v1/plant-a/s7-line1/metrics")]
    public void Builds_and_parses_back(EdgeTopicKind kind, string expected)
    {
        string topic = EdgeTopics.Build("plant-a", "s7-line1", kind);

        Assert.Equal(expected, topic);
        Assert.True(EdgeTopics.TryParse(topic, out EdgeTopic parsed, out EdgeTopicError error));
        Assert.Equal(EdgeTopicError.None, error);
        Assert.Equal(new EdgeTopic("plant-a", "s7-line1", kind), parsed);
        Assert.Equal(topic, parsed.ToTopic());
        Assert.Equal(topic, parsed.ToString());
    }

    [Fact]
    public void Named_builders_match_the_kinds()
    {
        Assert.Equal("edge/v1/s/n/status", EdgeTopics.StatusTopic("s", "n"));
        Assert.Equal("edge/v1/s/n/incidents", EdgeTopics.IncidentsTopic("s", "n"));
        Assert.Equal("edge/v1/s/n/anomalies", EdgeTopics.AnomaliesTopic("s", "n"));
        Assert.Equal("edge/v1/s/n/assets", EdgeTopics.AssetsTopic("s", "n"));
        Assert.Equal("edge/v1/s/n/metrics", EdgeTopics.MetricsTopic("s", "n"));
    }

    [Fact]
    public void Only_status_is_retained()
    {
        Assert.True(new EdgeTopic("s", "n", EdgeTopicKind.Status).IsRetained);
        Assert.False(EdgeTopics.IsRetained(EdgeTopicKind.Incidents));
        Assert.False(EdgeTopics.IsRetained(EdgeTopicKind.Anomalies));
        Assert.False(EdgeTopics.IsRetained(EdgeTopicKind.Assets));
        Assert.False(EdgeTopics.IsRetained(EdgeTopicKind.Metrics));
    }

    [Theory]
    [InlineData(null, EdgeTopicError.Empty)]
    [InlineData("", EdgeTopicError.Empty)]
    [InlineData("plant/v1/a/b/status", EdgeTopicError.NotEdgeTopic)]
    [InlineData("Edge/v1/a/b/status", EdgeTopicError.NotEdgeTopic)]
    [InlineData("/edge/v1/a/b/status", EdgeTopicError.NotEdgeTopic)]
    [InlineData("$SYS/broker/uptime", EdgeTopicError.NotEdgeTopic)]
    [InlineData("$share/g/edge/v1/a/b/status", EdgeTopicError.NotEdgeTopic)]
    [InlineData("edge/v2/a/b/status", EdgeTopicError.UnsupportedVersion)]
    [InlineData("edge/v0/a/b/status", EdgeTopicError.UnsupportedVersion)]
    [InlineData("edge/V1/a/b/status", EdgeTopicError.UnsupportedVersion)]
    [InlineData("edge//a/b/status", EdgeTopicError.UnsupportedVersion)]
    [InlineData("edge/", EdgeTopicError.UnsupportedVersion)]
    [InlineData("edge/v1", EdgeTopicError.WrongLevelCount)]
    [InlineData("edge/v1/a/b", EdgeTopicError.WrongLevelCount)]
    [InlineData("edge/v1/a/b/status/", EdgeTopicError.WrongLevelCount)]
    [InlineData("edge/v1/a/b/status/extra", EdgeTopicError.WrongLevelCount)]
    [InlineData("edge/v1/a/b/c/d/e/f/g", EdgeTopicError.WrongLevelCount)]
    [InlineData("edge/v1//b/status", EdgeTopicError.InvalidSite)]
    [InlineData("edge/v1/+/b/status", EdgeTopicError.InvalidSite)]
    [InlineData("edge/v1/#/b/status", EdgeTopicError.InvalidSite)]
    [InlineData("edge/v1/$a/b/status", EdgeTopicError.InvalidSite)]
    [InlineData("edge/v1/plant a/b/status", EdgeTopicError.InvalidSite)]
    [InlineData("edge/v1/a//status", EdgeTopicError.InvalidSensor)]
    [InlineData("edge/v1/a/+/status", EdgeTopicError.InvalidSensor)]
    [InlineData("edge/v1/a/s:1/status", EdgeTopicError.InvalidSensor)]
    [InlineData("edge/v1/a/b/#", EdgeTopicError.UnknownKind)]
    [InlineData("edge/v1/a/b/+", EdgeTopicError.UnknownKind)]
    [InlineData("edge/v1/a/b/Status", EdgeTopicError.UnknownKind)]
    [InlineData("edge/v1/a/b/events", EdgeTopicError.UnknownKind)]
    [InlineData("edge/v1/a/b/", EdgeTopicError.UnknownKind)]
    public void Rejects_with_the_reason(string? topic, EdgeTopicError expected)
    {
        Assert.False(EdgeTopics.TryParse(topic, out EdgeTopic parsed, out EdgeTopicError error));
        Assert.Equal(expected, error);
        Assert.Equal(default, parsed);
        Assert.False(EdgeTopics.TryParse(topic, out _));
    }

    [Fact]
    public void Site_longer_than_the_limit_is_rejected()
    {
        string site = new('a', EdgeIds.MaxLength + 1);
        Assert.False(EdgeTopics.TryParse($"edge/v1/{site}/b/status", out _, out EdgeTopicError error));
        Assert.Equal(EdgeTopicError.InvalidSite, error);

        string longest = new('a', EdgeIds.MaxLength);
        Assert.True(EdgeTopics.TryParse($"edge/v1/{longest}/{longest}/status", out EdgeTopic topic));
        Assert.Equal(longest, topic.Site);
    }

    [Theory]
    [InlineData("plant+a", "site")]
    [InlineData("a/b", "site")]
    [InlineData("$share", "site")]
    [InlineData("", "site")]
    public void Builder_throws_with_the_reason_for_a_bad_site(string site, string param)
    {
        var ex = Assert.Throws<ArgumentException>(() => EdgeTopics.Build(site, "n", EdgeTopicKind.Status));
        Assert.Equal(param, ex.ParamName);
        Assert.Equal(EdgeIds.Describe(EdgeIds.Validate(site), site) + $" (Parameter '{param}')", ex.Message);
    }

    [Fact]
    public void Builder_throws_for_a_bad_sensor_and_for_unknown_kind()
    {
        var ex = Assert.Throws<ArgumentException>(() => EdgeTopics.Build("s", "#", EdgeTopicKind.Status));
        Assert.Equal("sensor", ex.ParamName);
        Assert.Contains("wildcard", ex.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => EdgeTopics.Build("s", "n", EdgeTopicKind.Unknown));
    }

    [Fact]
    public void Filters()
    {
        Assert.Equal("$share/collectors/edge/v1/+/+/#", EdgeTopics.SharedSubscriptionFilter("collectors"));
        Assert.Equal("edge/v1/+/+/#", EdgeTopics.AllFilter());
        Assert.Equal("edge/v1/+/+/status", EdgeTopics.KindFilter(EdgeTopicKind.Status));
        Assert.Equal("edge/v1/plant-a/s7-line1/#", EdgeTopics.SensorFilter("plant-a", "s7-line1"));
        Assert.Throws<ArgumentException>(() => EdgeTopics.SharedSubscriptionFilter("a/b"));
        Assert.Throws<ArgumentException>(() => EdgeTopics.SharedSubscriptionFilter("+"));
        Assert.Throws<ArgumentException>(() => EdgeTopics.SensorFilter("#", "n"));
    }

    [Fact]
    public void Filters_are_not_topics()
    {
        Assert.False(EdgeTopics.TryParse(EdgeTopics.AllFilter(), out _));
        Assert.False(EdgeTopics.TryParse(EdgeTopics.KindFilter(EdgeTopicKind.Incidents), out _));
        Assert.False(EdgeTopics.TryParse(EdgeTopics.SharedSubscriptionFilter("g"), out _));
    }

    [Fact]
    public void ToString_never_throws_but_ToTopic_validates()
    {
        var bad = new EdgeTopic("a+b", "n", EdgeTopicKind.Unknown);

        Assert.Equal("edge/v1/a+b/n/?", bad.ToString());
        Assert.Equal("edge/v1///?", default(EdgeTopic).ToString());
        Assert.Throws<ArgumentException>(() => bad.ToTopic());
    }
}
