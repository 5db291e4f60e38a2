using Collector.Tests.Infrastructure;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Collector.Tests.Broker;

public sealed class ConnectTests : IAsyncLifetime, IDisposable
{
    private readonly TestPki _pki = new();
    private readonly TestPki _otherPki = new("Some Other CA");
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;
    private TestCollector _collector = null!;

    public async Task InitializeAsync() =>
        _collector = await TestCollector.StartAsync(_pki, _data, TestCollector.FreePort(), "--Collector:Sensors:0=plant-a/s7-line1");

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        _otherPki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Client_without_certificate_is_refused()
    {
        await using var sensor = new TestSensor(_collector.Port, _pki.Ca, clientCertificate: null, "s7-line1");
        await Assert.ThrowsAnyAsync<Exception>(sensor.ConnectAsync);
        Assert.False(sensor.IsConnected);
    }

    [Fact]
    public async Task Certificate_from_another_ca_is_refused()
    {
        await using var sensor = new TestSensor(_collector.Port, _pki.Ca, _otherPki.IssueClient("s7-line1"), "s7-line1");
        await Assert.ThrowsAnyAsync<Exception>(sensor.ConnectAsync);
        Assert.False(sensor.IsConnected);
    }

    [Fact]
    public async Task Client_id_other_than_certificate_cn_is_refused()
    {
        await using var sensor = new TestSensor(_collector.Port, _pki.Ca, _pki.IssueClient("s7-line1"), "s7-line2");
        MqttClientConnectResult result = await sensor.ConnectAsync();
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, result.ResultCode);
        Assert.False(sensor.IsConnected);
    }

    [Fact]
    public async Task Unregistered_sensor_is_refused()
    {
        await using var sensor = new TestSensor(_collector.Port, _pki.Ca, _pki.IssueClient("s7-line9"), "s7-line9");
        MqttClientConnectResult result = await sensor.ConnectAsync();
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result.ResultCode);
        Assert.False(sensor.IsConnected);
    }

    [Fact]
    public async Task Registered_sensor_on_another_site_is_dead_lettered_as_unknown()
    {
        await using var sensor = new TestSensor(_collector.Port, _pki.Ca, _pki.IssueClient("s7-line1"), "s7-line1");
        await sensor.ConnectAsync();
        var result = await sensor.PublishAsync(EdgeTopics.IncidentsTopic("plant-b", "s7-line1"),
            Samples.IncidentMessage("plant-b", "s7-line1", "s7-line1:1:1"));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.Equal(["unknown-sensor"], _collector.Strings("SELECT reason FROM dead_letters"));
    }

    [Fact]
    public async Task Will_of_a_vanished_sensor_marks_it_offline()
    {
        byte[] will = Samples.StatusMessage("plant-a", "s7-line1", "s7-line1:1:1", SensorStatusRecord.Death(4));
        await using var sensor = new TestSensor(_collector.Port, _pki.Ca, _pki.IssueClient("s7-line1"), "s7-line1",
            configure: b => b.WithWillTopic(EdgeTopics.StatusTopic("plant-a", "s7-line1")).WithWillPayload(will)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithWillRetain());
        await sensor.ConnectAsync();
        var birth = await sensor.PublishAsync(EdgeTopics.StatusTopic("plant-a", "s7-line1"),
            Samples.StatusMessage("plant-a", "s7-line1", "s7-line1:1:2", Samples.Birth with { BdSeq = 4 }));
        Assert.True(TestSensor.Acknowledged(birth));
        Assert.Equal(["online"], _collector.Strings("SELECT state FROM sensors"));

        // Vanish without DISCONNECT: the broker publishes the will.
        sensor.Client.Dispose();

        for (int i = 0; i < 50 && _collector.Strings("SELECT state FROM sensors")[0] != "offline"; i++)
        {
            await Task.Delay(50);
        }

        Assert.Empty(_collector.Strings("SELECT reason || ' ' || client_id || ' ' || detail FROM dead_letters"));
        Assert.Equal(["offline|4"], _collector.Strings("SELECT state || '|' || bd_seq FROM sensors"));
    }
}
