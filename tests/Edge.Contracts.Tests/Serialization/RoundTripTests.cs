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
    public void Metrics_with_health()
    {
        SensorMetricsRecord back = AssertRoundTrip(Samples.MetricsWithHealth(), EdgeJsonContext.Default.SensorMetricsRecord);
        Assert.Equal(268_435_456, back.Health!.MemoryLimitBytes);
        Assert.Equal(12, back.Health.Capture!.KernelDropped);
        Assert.Equal([HealthAlertCodes.CaptureDrops, HealthAlertCodes.MemoryHigh], back.Health.Alerts!.Select(a => a.Code));
    }

    [Fact]
    public void Metrics_and_a_birth_from_a_sensor_without_health_still_parse()
    {
        // The golden files of the shapes before health and previousExit were added, as an older sensor sends them.
        SensorMetricsRecord metrics = JsonSerializer.Deserialize(GoldenJson.Read("metrics.json"), EdgeJsonContext.Default.SensorMetricsRecord)!;
        SensorStatusRecord birth = JsonSerializer.Deserialize(GoldenJson.Read("status-birth.json"), EdgeJsonContext.Default.SensorStatusRecord)!;

        Assert.Equal(1_000_000, metrics.Frames);
        Assert.Null(metrics.Health);
        Assert.Equal(7, birth.BdSeq);
        Assert.Null(birth.PreviousExit);
    }

    [Fact]
    public void Health_with_only_some_readings_and_an_alert_code_from_a_newer_sensor_parses()
    {
        const string json = """
            {"schemaVersion":1,"type":"metrics","time":"2026-11-27T21:00:00+00:00","startedAt":"2026-11-27T20:00:00+00:00",
             "frames":1,"bytes":60,"drops":0,"malformed":{},"flows":0,"outbox":{"depth":0,"bytes":0,"dropped":0},
             "devices":0,"relations":0,"anomalies":0,"incidents":0,
             "health":{"uptimeSeconds":3600,"alerts":[{"code":"fan-stopped","since":"2026-11-27T20:30:00+00:00","addedLater":1}]}}
            """;
        SensorMetricsRecord metrics = JsonSerializer.Deserialize(json, EdgeJsonContext.Default.SensorMetricsRecord)!;

        Assert.Equal(3600, metrics.Health!.UptimeSeconds);
        Assert.Null(metrics.Health.CpuPercent);
        Assert.Null(metrics.Health.Capture);
        HealthAlert alert = Assert.Single(metrics.Health.Alerts!);
        Assert.Equal(("fan-stopped", (string?)null), (alert.Code, alert.Detail));
    }

    [Fact]
    public void A_health_alert_without_its_code_is_an_error()
    {
        const string json = """[{"since":"2026-11-27T20:30:00+00:00"}]""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, EdgeJsonContext.Default.IReadOnlyListHealthAlert));
    }

    [Fact]
    public void Birth_after_a_crash() =>
        Assert.Equal("watchdog", AssertRoundTrip(Samples.BirthAfterCrash(), EdgeJsonContext.Default.SensorStatusRecord).PreviousExit!.Result);

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
