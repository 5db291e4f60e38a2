using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Messaging;
using Edge.Contracts.Serialization;

namespace Edge.Contracts.Tests.Serialization;

/// <summary>Every wire record reads back to the same bytes, and readers tolerate what a newer minor version may add.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Asset() => AssertRoundTrip(Samples.Asset(), EdgeJsonContext.Default.AssetRecord);

    [Fact]
    public void Anomaly() => AssertRoundTrip(Samples.Anomaly(), EdgeJsonContext.Default.AnomalyRecord);

    [Fact]
    public void Incident() => AssertRoundTrip(Samples.Incident(), EdgeJsonContext.Default.BreachSummaryRecord);

    [Fact]
    public void Status() => AssertRoundTrip(Samples.Birth(), EdgeJsonContext.Default.SensorStatusRecord);

    [Fact]
    public void Will() => AssertRoundTrip(Samples.Death(), EdgeJsonContext.Default.SensorStatusRecord);

    [Fact]
    public void Metrics()
    {
        SensorMetricsRecord back = AssertRoundTrip(Samples.Metrics(), EdgeJsonContext.Default.SensorMetricsRecord);
        Assert.Equal(3, back.Malformed["modbus.bad-length"]);
    }

    [Fact]
    public void Envelopes()
    {
        EdgeEnvelope<Detection.AnomalyRecord> anomaly = AssertRoundTrip(Samples.AnomalyEnvelope(), EdgeJsonContext.Default.EdgeEnvelopeAnomalyRecord);
        Assert.True(MessageId.TryParse(anomaly.MessageId, out MessageId id));
        Assert.Equal(anomaly.Sensor, id.Sensor);

        AssertRoundTrip(Samples.WillEnvelope(), EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord);
        AssertRoundTrip(
            new EdgeEnvelope<Assets.AssetRecord> { MessageId = "s:1:1", Site = "p", Sensor = "s", Type = "asset", Time = Samples.T0, Payload = Samples.Asset() },
            EdgeJsonContext.Default.EdgeEnvelopeAssetRecord);
        AssertRoundTrip(
            new EdgeEnvelope<Detection.BreachSummaryRecord> { MessageId = "s:1:2", Site = "p", Sensor = "s", Type = "incident", Time = Samples.T0, Payload = Samples.Incident() },
            EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord);
        AssertRoundTrip(
            new EdgeEnvelope<SensorMetricsRecord> { MessageId = "s:1:3", Site = "p", Sensor = "s", Type = "metrics", Time = Samples.T0, Payload = Samples.Metrics() },
            EdgeJsonContext.Default.EdgeEnvelopeSensorMetricsRecord);
    }

    [Fact]
    public void Unknown_fields_from_a_newer_minor_version_are_ignored()
    {
        const string json = """{"schemaVersion":1,"type":"status","state":"online","bdSeq":3,"addedLater":{"x":1}}""";
        SensorStatusRecord status = JsonSerializer.Deserialize(json, EdgeJsonContext.Default.SensorStatusRecord)!;

        Assert.Equal(SensorStates.Online, status.State);
        Assert.Equal(3, status.BdSeq);
        Assert.Null(status.Phase);
    }

    [Fact]
    public void A_missing_required_field_is_an_error_not_a_default()
    {
        const string json = """{"schemaVersion":1,"type":"status","state":"online"}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, EdgeJsonContext.Default.SensorStatusRecord));
    }

    private static T AssertRoundTrip<T>(T value, JsonTypeInfo<T> type)
    {
        string json = JsonSerializer.Serialize(value, type);
        T back = JsonSerializer.Deserialize(json, type)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, type));
        return back;
    }
}
