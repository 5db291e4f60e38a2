using System.Text;
using Collector.Storage;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Topics;
using MQTTnet.Protocol;

namespace Collector.Tests.Ingest;

public sealed class IngestTests : IAsyncLifetime, IDisposable
{
    private const string Site = "plant-a";
    private const string SensorId = "s7-line1";
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;
    private TestCollector _collector = null!;
    private TestSensor _sensor = null!;

    public async Task InitializeAsync()
    {
        _collector = await TestCollector.StartAsync(_pki, _data, TestCollector.FreePort());
        _sensor = new TestSensor(_collector.Port, _pki.Ca, _pki.IssueClient(SensorId), SensorId);
        await _sensor.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _sensor.DisposeAsync();
        await _collector.DisposeAsync();
    }

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Incident_anomaly_asset_and_status_become_rows()
    {
        await Publish(EdgeTopicKind.Status, Samples.StatusMessage(Site, SensorId, "s7-line1:1000:1", Samples.Birth with { BdSeq = 3 }));
        await Publish(EdgeTopicKind.Incidents, Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:2"));
        await Publish(EdgeTopicKind.Incidents, Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:3", Samples.Incident with { Version = Samples.Incident.Version + 1, Score = 99 }));
        await Publish(EdgeTopicKind.Anomalies, Samples.AnomalyMessage(Site, SensorId, "s7-line1:1000:4"));
        await Publish(EdgeTopicKind.Assets, Samples.AssetMessage(Site, SensorId, "s7-line1:1000:5"));

        Assert.Equal(5, _collector.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(["online|3|" + Samples.Birth.Phase], _collector.Strings("SELECT state || '|' || bd_seq || '|' || phase FROM sensors"));
        Assert.Equal(2, _collector.Scalar("SELECT count(*) FROM incident_versions"));
        Assert.Equal([$"{Samples.Incident.Version + 1}|99"], _collector.Strings("SELECT version || '|' || score FROM incidents"));
        Assert.Equal([Samples.Anomaly.AnomalyId], _collector.Strings("SELECT anomaly_id FROM anomalies"));
        Assert.Equal([Samples.Asset.AssetId], _collector.Strings("SELECT asset_id FROM assets"));
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM dead_letters"));
    }

    [Fact]
    public async Task Same_message_id_twice_is_stored_once()
    {
        byte[] message = Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:7");
        await Publish(EdgeTopicKind.Incidents, message);
        await Publish(EdgeTopicKind.Incidents, message);

        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM incident_versions"));
        Assert.Equal(1, _collector.Counters.Duplicates);
    }

    [Fact]
    public async Task Older_incident_version_does_not_replace_newer()
    {
        await Publish(EdgeTopicKind.Incidents, Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:1", Samples.Incident with { Version = 5 }));
        await Publish(EdgeTopicKind.Incidents, Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:2", Samples.Incident with { Version = 4 }));

        Assert.Equal(["5"], _collector.Strings("SELECT version FROM incidents"));
        Assert.Equal(2, _collector.Scalar("SELECT count(*) FROM incident_versions"));
    }

    [Fact]
    public async Task Late_death_of_an_older_connection_is_recorded_but_not_applied()
    {
        await Publish(EdgeTopicKind.Status, Samples.StatusMessage(Site, SensorId, "s7-line1:1000:1", Samples.Birth with { BdSeq = 8 }));
        await Publish(EdgeTopicKind.Status, Samples.StatusMessage(Site, SensorId, "s7-line1:1000:2", SensorStatusRecord.Death(7)));
        Assert.Equal(["online|8"], _collector.Strings("SELECT state || '|' || bd_seq FROM sensors"));

        await Publish(EdgeTopicKind.Status, Samples.StatusMessage(Site, SensorId, "s7-line1:1000:3", SensorStatusRecord.Death(8)));
        Assert.Equal(["offline|8"], _collector.Strings("SELECT state || '|' || bd_seq FROM sensors"));
        Assert.Equal(["1", "0", "1"], _collector.Strings("SELECT applied FROM status_events ORDER BY message_id"));
    }

    [Fact]
    public async Task Malformed_json_is_dead_lettered_and_ingest_keeps_working()
    {
        string topic = EdgeTopics.IncidentsTopic(Site, SensorId);
        var bad = await _sensor.PublishAsync(topic, Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"messageId\":"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid, bad.ReasonCode);

        var future = await _sensor.PublishAsync(topic, Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"whatever\":true}"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid, future.ReasonCode);

        await Publish(EdgeTopicKind.Incidents, Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:9"));

        Assert.Equal(["bad-json", "unsupported-schema-version"], _collector.Strings("SELECT reason FROM dead_letters ORDER BY id"));
        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(2, _collector.Counters.RejectedTotal);
        Assert.Equal(1, _collector.Counters.Rejected(DeadLetterReason.BadJson));
    }

    [Fact]
    public async Task Publishing_under_another_sensors_id_is_refused_and_dead_lettered()
    {
        var result = await _sensor.PublishAsync(EdgeTopics.IncidentsTopic(Site, "s7-line2"),
            Samples.IncidentMessage(Site, "s7-line2", "s7-line2:1000:1"));

        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.Equal(["topic-not-client-identity|" + SensorId], _collector.Strings("SELECT reason || '|' || client_id FROM dead_letters"));
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task Envelope_naming_another_sensor_on_own_topic_is_dead_lettered()
    {
        var result = await _sensor.PublishAsync(EdgeTopics.IncidentsTopic(Site, SensorId),
            Samples.IncidentMessage(Site, "s7-line2", "s7-line2:1000:1"));

        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid, result.ReasonCode);
        Assert.Equal(["envelope-mismatch"], _collector.Strings("SELECT reason FROM dead_letters"));
    }

    [Fact]
    public async Task Sensors_may_not_subscribe()
    {
        var result = await _sensor.Client.SubscribeAsync(new MQTTnet.MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("edge/v1/+/+/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.NotAuthorized, Assert.Single(result.Items).ResultCode);
    }

    private async Task Publish(EdgeTopicKind kind, byte[] payload)
    {
        var result = await _sensor.PublishAsync(EdgeTopics.Build(Site, SensorId, kind), payload);
        Assert.True(TestSensor.Acknowledged(result), $"{result.ReasonCode}: {result.ReasonString}");
    }
}
