using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeSensor.Publishing.Mqtt;
using EdgeSensor.Publishing.Outbox;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeSensor.Tests.Publishing.Mqtt;

/// <summary>
/// Nothing is lost while the uplink is down: findings keep coming while the broker (an MQTTnet 5 server on loopback)
/// is stopped, the sensor side (outbox + uplink) is restarted in the middle of the outage, and after the broker
/// returns every finding arrives; duplicates (a PUBACK lost in the outage) carry the same message id, so the
/// collector stores each once.
/// </summary>
public sealed class UplinkOutageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-uplink-").FullName;
    private readonly ConcurrentBag<string> _received = [];
    private readonly int _port = FreePort();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_finding_arrives_after_an_outage_with_a_sensor_restart_in_it()
    {
        var broker = await StartBroker();
        var (outbox, uplink, run, stop) = StartSensorSide();
        int next = 0;
        void Produce(IOutbox o, MqttUplink u, int n)
        {
            for (int i = 0; i < n; i++)
            {
                string id = $"cabinet-7:1:{++next}";
                o.Append(new OutboxRecord("edge/v1/plant1/cabinet-7/anomalies", Encoding.UTF8.GetBytes($$"""{"messageId":"{{id}}"}"""), id, 50, DateTimeOffset.UtcNow));
                u.Notify();
            }
        }

        Produce(outbox, uplink, 20);
        await WaitFor(() => _received.Distinct().Count() == 20, "first 20 delivered");

        // Outage: the broker goes away; findings keep coming.
        await broker.StopAsync();
        broker.Dispose();
        Produce(outbox, uplink, 15);

        // The sensor restarts in the middle of the outage.
        await stop.CancelAsync();
        await run;
        await uplink.DisposeAsync();
        outbox.Dispose();
        (outbox, uplink, run, stop) = StartSensorSide();
        Assert.True(outbox.Count >= 15, $"the outbox lost findings across the restart: {outbox.Count}");
        Produce(outbox, uplink, 15);

        // The broker returns.
        broker = await StartBroker();
        await WaitFor(() => _received.Distinct().Count() == 50, "all 50 delivered after the outage");

        var expected = Enumerable.Range(1, 50).Select(i => $"cabinet-7:1:{i}").ToHashSet();
        Assert.Equal(expected, _received.ToHashSet());
        Assert.Equal(0, outbox.Count);
        Assert.True(uplink.BdSeq >= 2, "a reconnect must take a new bdSeq");

        await stop.CancelAsync();
        await run;
        await uplink.DisposeAsync();
        outbox.Dispose();
        await broker.StopAsync();
        broker.Dispose();
    }

    [Fact]
    public async Task A_finding_nobody_subscribes_to_stays_in_the_outbox_until_a_collector_listens()
    {
        // A plain broker: no interceptor, so with no subscriber it answers "no matching subscribers" (0x10).
        var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(_port).Build();
        using var broker = new MqttServerFactory().CreateMqttServer(options);
        await broker.StartAsync();
        var (outbox, uplink, run, stop) = StartSensorSide();
        for (int i = 1; i <= 3; i++)
        {
            string id = $"cabinet-7:1:{i}";
            outbox.Append(new OutboxRecord("edge/v1/plant1/cabinet-7/anomalies", Encoding.UTF8.GetBytes($$"""{"messageId":"{{id}}"}"""), id, 50, DateTimeOffset.UtcNow));
        }

        uplink.Notify();
        await WaitFor(() => uplink.Unheard > 0, "the broker said nobody listens");
        Assert.Equal(3, outbox.Count);

        // A collector subscribes: the findings go to it.
        var heard = new ConcurrentBag<string>();
        using var collector = new MqttClientFactory().CreateMqttClient();
        collector.ApplicationMessageReceivedAsync += e =>
        {
            heard.Add(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        await collector.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        await collector.SubscribeAsync("edge/v1/+/+/anomalies", MqttQualityOfServiceLevel.AtLeastOnce);
        await WaitFor(() => heard.Count == 3 && outbox.Count == 0, "the three findings delivered once someone listens");

        await stop.CancelAsync();
        await run;
        await uplink.DisposeAsync();
        outbox.Dispose();
        await broker.StopAsync();
    }

    private (DiskOutbox, MqttUplink, Task, CancellationTokenSource) StartSensorSide()
    {
        var outbox = new DiskOutbox(new OutboxOptions { Directory = Path.Combine(_dir, "outbox") });
        var uplink = new MqttUplink(new UplinkOptions
        {
            Host = "127.0.0.1",
            Port = _port,
            Site = "plant1",
            Sensor = "cabinet-7",
            BdSeqFile = Path.Combine(_dir, "bdseq"),
            MessageIds = new EdgeSensor.Publishing.MessageIdSource("cabinet-7"),
            MinBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
        }, outbox, _ => { });
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => uplink.RunAsync(stop.Token));
        return (outbox, uplink, run, stop);
    }

    private async Task<MqttServer> StartBroker()
    {
        var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(_port).Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        server.InterceptingPublishAsync += e =>
        {
            if (e.ApplicationMessage.Topic.EndsWith("/anomalies", StringComparison.Ordinal))
            {
                string json = e.ApplicationMessage.ConvertPayloadToString();
                _received.Add(json[(json.IndexOf(':') + 2)..json.LastIndexOf('"')]);
            }

            // Taken, as the collector's embedded broker takes it (no subscriber would answer "no matching subscribers").
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.Success;
            return Task.CompletedTask;
        };
        await server.StartAsync();
        return server;
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
