using Edge.Contracts.Messaging;
using Edge.Contracts.Tests.Serialization;
using Edge.Contracts.Topics;

namespace Edge.Contracts.Tests.Messaging;

/// <summary>Envelope factories tie the sensor, the type and the topic to the record.</summary>
public sealed class EdgeEnvelopesTests
{
    private static readonly MessageId Id = MessageId.Create("s7-line1", 1795809600000, 42);

    [Fact]
    public void Anomaly_envelope_equals_the_golden_sample()
    {
        var envelope = EdgeEnvelopes.Create(Id, "plant-a", Samples.T0.AddSeconds(31), Samples.Anomaly());

        Assert.Equal(Samples.AnomalyEnvelope() with { Payload = envelope.Payload }, envelope);
        Assert.Equal("edge/v1/plant-a/s7-line1/anomalies", EdgeEnvelopes.TopicOf(envelope).ToTopic());
    }

    [Fact]
    public void Each_record_goes_to_its_topic()
    {
        Assert.Equal(EdgeTopicKind.Assets, EdgeEnvelopes.TopicOf(EdgeEnvelopes.Create(Id, "p", Samples.T0, Samples.Asset())).Kind);
        Assert.Equal(EdgeTopicKind.Incidents, EdgeEnvelopes.TopicOf(EdgeEnvelopes.Create(Id, "p", Samples.T0, Samples.Incident())).Kind);
        Assert.Equal(EdgeTopicKind.Metrics, EdgeEnvelopes.TopicOf(EdgeEnvelopes.Create(Id, "p", Samples.T0, Samples.Metrics())).Kind);

        EdgeTopic status = EdgeEnvelopes.TopicOf(EdgeEnvelopes.Create(Id, "p", Samples.T0, Samples.Death()));
        Assert.Equal(EdgeTopicKind.Status, status.Kind);
        Assert.True(status.IsRetained);
    }

    [Fact]
    public void Time_is_utc()
    {
        var local = new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.Zero, EdgeEnvelopes.Create(Id, "p", local, Samples.Anomaly()).Time.Offset);
    }

    [Fact]
    public void Rejects_bad_site_unknown_type_and_default_id()
    {
        Assert.Throws<ArgumentException>(() => EdgeEnvelopes.Create(Id, "p/q", Samples.T0, Samples.Anomaly()));
        Assert.Throws<ArgumentException>(() => EdgeEnvelopes.Create(default, "p", Samples.T0, Samples.Anomaly()));
        Assert.Throws<ArgumentException>(() => EdgeEnvelopes.TopicOf(Samples.AnomalyEnvelope() with { Type = "event" }));
        Assert.Equal(EdgeTopicKind.Unknown, EdgeEnvelopes.KindOf(null));
    }
}
