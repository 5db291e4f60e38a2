using Edge.Contracts.Ocsf;
using Edge.Contracts.Serialization;

namespace Edge.Contracts.Tests.Serialization;

/// <summary>
/// The wire contract, frozen: each record's JSON must equal a hand-written file under Golden/. A failure here means a
/// wire change: if intended and compatible (an added optional field), update the file; if breaking, bump the topic root.
/// </summary>
public sealed class GoldenJsonTests
{
    private static EdgeJsonContext Edge(System.Text.Json.JsonSerializerOptions o) => new(o);

    private static OcsfJsonContext Ocsf(System.Text.Json.JsonSerializerOptions o) => new(o);

    [Fact]
    public void Asset() => GoldenJson.AssertMatches("asset.json", Samples.Asset(), EdgeJsonContext.Default.AssetRecord, Edge);

    [Fact]
    public void Anomaly() => GoldenJson.AssertMatches("anomaly.json", Samples.Anomaly(), EdgeJsonContext.Default.AnomalyRecord, Edge);

    [Fact]
    public void Incident() => GoldenJson.AssertMatches("incident.json", Samples.Incident(), EdgeJsonContext.Default.BreachSummaryRecord, Edge);

    [Fact]
    public void Status_birth() => GoldenJson.AssertMatches("status-birth.json", Samples.Birth(), EdgeJsonContext.Default.SensorStatusRecord, Edge);

    [Fact]
    public void Status_death() => GoldenJson.AssertMatches("status-death.json", Samples.Death(), EdgeJsonContext.Default.SensorStatusRecord, Edge);

    [Fact]
    public void Metrics() => GoldenJson.AssertMatches("metrics.json", Samples.Metrics(), EdgeJsonContext.Default.SensorMetricsRecord, Edge);

    [Fact]
    public void Metrics_with_health() => GoldenJson.AssertMatches("metrics-health.json", Samples.MetricsWithHealth(), EdgeJsonContext.Default.SensorMetricsRecord, Edge);

    [Fact]
    public void Status_birth_after_a_crash() =>
        GoldenJson.AssertMatches("status-birth-previous-exit.json", Samples.BirthAfterCrash(), EdgeJsonContext.Default.SensorStatusRecord, Edge);

    [Fact]
    public void Envelope_of_an_anomaly() =>
        GoldenJson.AssertMatches("envelope-anomaly.json", Samples.AnomalyEnvelope(), EdgeJsonContext.Default.EdgeEnvelopeAnomalyRecord, Edge);

    [Fact]
    public void Envelope_of_a_will() =>
        GoldenJson.AssertMatches("envelope-will.json", Samples.WillEnvelope(), EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord, Edge);

    [Fact]
    public void Ocsf_detection_finding() =>
        GoldenJson.AssertMatches(
            "ocsf-detection-finding.json",
            OcsfMapping.ToDetectionFinding(Samples.Incident(), productVersion: "0.4.0"),
            OcsfJsonContext.Default.OcsfDetectionFinding,
            Ocsf);
}
