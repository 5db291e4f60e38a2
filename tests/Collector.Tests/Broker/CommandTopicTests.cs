using System.Collections.Concurrent;
using Collector.Broker;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Commands;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Collector.Tests.Broker;

/// <summary>
/// The embedded broker carries the collector's commands to sensors and nothing else: a sensor may subscribe to its own
/// command topic only, may not publish commands, and receives what the collector sends it.
/// </summary>
public sealed class CommandTopicTests : IAsyncLifetime, IDisposable
{
    private const string Site = "plant-a";
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;
    private TestCollector _collector = null!;

    public async Task InitializeAsync() => _collector = await TestCollector.StartAsync(_pki, _data, TestCollector.FreePort());

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_sensor_gets_its_own_commands_only_and_cannot_send_any()
    {
        await using var line1 = new TestSensor(_collector.Port, _pki.Ca, _pki.IssueClient("s7-line1"), "s7-line1");
        await using var line2 = new TestSensor(_collector.Port, _pki.Ca, _pki.IssueClient("s7-line2"), "s7-line2");
        await line1.ConnectAsync();
        await line2.ConnectAsync();
        var toLine1 = new ConcurrentQueue<string>();
        var toLine2 = new ConcurrentQueue<string>();
        line1.Client.ApplicationMessageReceivedAsync += e => Enqueue(toLine1, e);
        line2.Client.ApplicationMessageReceivedAsync += e => Enqueue(toLine2, e);

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await Subscribe(line1, CommandTopics.For(Site, "s7-line1")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await Subscribe(line2, CommandTopics.For(Site, "s7-line1")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await Subscribe(line2, "edge-cmd/v1/+/+"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await Subscribe(line2, "edge/v1/#"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await Subscribe(line2, CommandTopics.For(Site, "s7-line2")));

        // A sensor forging a command for another is refused and nothing reaches anyone.
        var forged = await line2.PublishAsync(CommandTopics.For(Site, "s7-line1"), """{"type":"acknowledge"}"""u8.ToArray());
        Assert.False(forged.IsSuccess);

        var commands = _collector.Services.GetRequiredService<ISensorCommands>();
        Assert.True(await commands.SendAsync(Site, "s7-line1", new SensorCommand
        {
            Type = SensorCommand.Acknowledge,
            CommandId = "c-1",
            IncidentId = "s7-line1:3",
            By = "alice (acknowledged on the dashboard)",
            At = DateTimeOffset.UtcNow,
        }, CancellationToken.None));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (toLine1.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains("\"incidentId\":\"s7-line1:3\"", Assert.Single(toLine1), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(toLine1);
        Assert.Empty(toLine2);
    }

    private static async Task<MqttClientSubscribeResultCode> Subscribe(TestSensor sensor, string filter) =>
        (await sensor.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build()))
            .Items.Single().ResultCode;

    private static Task Enqueue(ConcurrentQueue<string> queue, MqttApplicationMessageReceivedEventArgs e)
    {
        queue.Enqueue(e.ApplicationMessage.Topic + " " + e.ApplicationMessage.ConvertPayloadToString());
        return Task.CompletedTask;
    }
}
