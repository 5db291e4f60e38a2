using Edge.Contracts.Lifecycle;
using System.Text.Json;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;

namespace Edge.Contracts.Tests.Lifecycle;

/// <summary>Birth and will: the will carries the bdSeq of its connect and nothing that is only known later.</summary>
public sealed class SensorStatusRecordTests
{
    [Fact]
    public void Death_carries_the_bdseq_and_no_live_facts()
    {
        SensorStatusRecord death = SensorStatusRecord.Death(bdSeq: 12, sensorVersion: "1.0.0");

        Assert.Equal(SensorStates.Offline, death.State);
        Assert.Equal(12, death.BdSeq);
        Assert.Null(death.Phase);
        Assert.Null(death.LearningProgress);
        Assert.Null(death.CaptureInterface);
    }

    [Fact]
    public void A_will_matches_its_birth_by_bdseq()
    {
        SensorStatusRecord birth = new() { State = SensorStates.Online, BdSeq = 12, Phase = SensorStates.Protecting };
        SensorStatusRecord will = SensorStatusRecord.Death(12);
        SensorStatusRecord staleWill = SensorStatusRecord.Death(11);

        Assert.Equal(birth.BdSeq, will.BdSeq);
        Assert.NotEqual(birth.BdSeq, staleWill.BdSeq);
    }

    [Fact]
    public void Status_topic_is_retained_and_the_record_names_its_type()
    {
        string json = JsonSerializer.Serialize(SensorStatusRecord.Death(1), EdgeJsonContext.Default.SensorStatusRecord);

        Assert.True(EdgeTopics.IsRetained(EdgeTopicKind.Status));
        Assert.StartsWith("{\"schemaVersion\":1,\"type\":\"status\",\"state\":\"offline\",\"bdSeq\":1", json, StringComparison.Ordinal);
    }
}
