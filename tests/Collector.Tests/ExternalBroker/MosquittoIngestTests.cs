using System.Security.Cryptography.X509Certificates;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Topics;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Collector.Tests.ExternalBroker;

/// <summary>
/// The collector as a client of a real Mosquitto (<c>--broker mqtts://</c>): mutual TLS both ways, the broker's ACL
/// binding each sensor certificate to its own topics, ingest acknowledged only after the commit.
/// </summary>
public sealed class MosquittoIngestTests : IAsyncLifetime, IDisposable
{
    private const string Site = "plant-a";
    private const string SensorId = "s7-line1";
    private const string CollectorId = "edge-collector-1";
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;
    private MosquittoBroker _broker = null!;
    private TestCollector _collector = null!;

    public async Task InitializeAsync()
    {
        _broker = new MosquittoBroker(_pki, CollectorId);
        await _broker.StartAsync();
        _collector = await TestCollector.StartExternalAsync(_pki, _data, _broker.Url, CollectorId);
    }

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        await _broker.DisposeAsync();
    }

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Findings_published_to_mosquitto_are_stored_once()
    {
        await using var sensor = Sensor(SensorId, _pki.IssueClient(SensorId));
        await sensor.ConnectAsync();
        await WaitForSubscriber();

        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.StatusTopic(Site, SensorId), Samples.StatusMessage(Site, SensorId, "s7-line1:1000:1", Samples.Birth with { BdSeq = 4 }))));
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.IncidentsTopic(Site, SensorId), Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:2"))));
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.AnomaliesTopic(Site, SensorId), Samples.AnomalyMessage(Site, SensorId, "s7-line1:1000:3"))));
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.AssetsTopic(Site, SensorId), Samples.AssetMessage(Site, SensorId, "s7-line1:1000:4"))));
        // A sensor re-sending after a lost PUBACK: same message id.
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.IncidentsTopic(Site, SensorId), Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:2"))));

        await _collector.WaitForAsync("SELECT count(*) FROM messages", 4);
        // The status topic is subscribed twice (shared, and unshared for retained births), the incident sent twice.
        await WaitUntil(() => _collector.Counters.Duplicates >= 2, "duplicates recognised");
        Assert.Equal(4, _collector.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(["online|4"], _collector.Strings("SELECT state || '|' || bd_seq FROM sensors"));
        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM incident_versions"));
        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM anomalies"));
        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM assets"));
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM dead_letters"));
    }

    [Fact]
    public async Task A_command_from_the_collector_reaches_its_sensor_and_no_other()
    {
        string topic = Edge.Contracts.Commands.CommandTopics.For(Site, SensorId);
        await using var sensor = Sensor(SensorId, _pki.IssueClient(SensorId));
        using var intruderCertificate = _pki.IssueClient("intruder");
        await using var intruder = Sensor("intruder", intruderCertificate);
        await sensor.ConnectAsync();
        await intruder.ConnectAsync();
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var overheard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        sensor.Client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        intruder.Client.ApplicationMessageReceivedAsync += e =>
        {
            overheard.Enqueue(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        var own = await sensor.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, own.Items.Single().ResultCode);
        // Mosquitto 2.0.11 grants the subscription and applies the read ACL to each message: nothing is delivered.
        await intruder.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await WaitForSubscriber();

        var commands = (Collector.Broker.ISensorCommands)_collector.Services.GetService(typeof(Collector.Broker.ISensorCommands))!;
        var command = new Edge.Contracts.Commands.SensorCommand
        {
            Type = Edge.Contracts.Commands.SensorCommand.Acknowledge,
            CommandId = "c-1",
            IncidentId = "s7-line1:7",
            By = "alice (acknowledged on the dashboard)",
            At = DateTimeOffset.UtcNow,
        };
        Assert.True(await commands.SendAsync(Site, SensorId, command, CancellationToken.None));
        await WaitUntil(() => !received.IsEmpty, "the command at its sensor");
        Assert.Contains("\"incidentId\":\"s7-line1:7\"", received.Single(), StringComparison.Ordinal);

        // A sensor may not send commands to another (or itself).
        var forged = await intruder.PublishAsync(topic, System.Text.Encoding.UTF8.GetBytes("{}"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        await Task.Delay(300);
        Assert.Single(received);
        Assert.Empty(overheard);
    }

    [Fact]
    public async Task A_sensor_publishing_under_another_sensors_id_is_refused_by_the_broker()
    {
        using var certificate = _pki.IssueClient("intruder");
        MqttClientPublishResult result;
        await using (var intruder = Sensor("intruder", certificate))
        {
            await intruder.ConnectAsync();
            await WaitForSubscriber();
            result = await intruder.PublishAsync(EdgeTopics.IncidentsTopic(Site, SensorId), Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:9"));
        }

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);

        // Under its own id it may publish. MQTTnet drops the link after a refused publish, at its own pace: a new
        // connection (same identity) rather than a reconnect that may meet the old one's pending disconnect.
        await using var intruderAgain = Sensor("intruder", certificate);
        await intruderAgain.ConnectAsync();
        Assert.True(TestSensor.Acknowledged(await intruderAgain.PublishAsync(EdgeTopics.AnomaliesTopic(Site, "intruder"), Samples.AnomalyMessage(Site, "intruder", "intruder:1:1"))));
        await _collector.WaitForAsync("SELECT count(*) FROM messages", 1);
        await Task.Delay(200);
        Assert.Equal(["intruder:1:1"], _collector.Strings("SELECT message_id FROM messages"));
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM incidents"));
    }

    [Fact]
    public async Task A_sensor_may_not_read_the_stream()
    {
        await using var sensor = Sensor(SensorId, _pki.IssueClient(SensorId));
        await sensor.ConnectAsync();
        MqttClientSubscribeResult result = await sensor.Client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(EdgeTopics.AllFilter(), MqttQualityOfServiceLevel.AtLeastOnce).Build());

        // Mosquitto grants the subscription but its ACL delivers nothing: publish something and see it never arrives.
        int received = 0;
        sensor.Client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        await WaitForSubscriber();
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(EdgeTopics.AnomaliesTopic(Site, SensorId), Samples.AnomalyMessage(Site, SensorId, "s7-line1:1000:11"))));
        await _collector.WaitForAsync("SELECT count(*) FROM messages", 1);
        await Task.Delay(300);
        Assert.Single(result.Items);
        Assert.Equal(0, Volatile.Read(ref received));
    }

    [Fact]
    public async Task No_certificate_or_a_certificate_from_another_ca_cannot_connect()
    {
        await using var anonymous = Sensor(SensorId, null);
        await Assert.ThrowsAnyAsync<MqttCommunicationException>(anonymous.ConnectAsync);

        using var rogue = new TestPki("Rogue CA");
        await using var forged = Sensor(SensorId, rogue.IssueClient(SensorId));
        await Assert.ThrowsAnyAsync<MqttCommunicationException>(forged.ConnectAsync);

        Assert.False(anonymous.IsConnected);
        Assert.False(forged.IsConnected);
    }

    private TestSensor Sensor(string clientId, X509Certificate2? certificate) =>
        new(_broker.Port, _pki.Ca, certificate, clientId);

    private Task WaitForSubscriber() => _collector.WaitUntilSubscribedAsync();

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
