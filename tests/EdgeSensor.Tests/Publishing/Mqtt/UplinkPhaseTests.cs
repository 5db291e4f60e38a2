using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using EdgeSensor.Publishing;
using EdgeSensor.Publishing.Mqtt;
using EdgeSensor.Publishing.Outbox;
using MQTTnet;
using MQTTnet.Server;

namespace EdgeSensor.Tests.Publishing.Mqtt;

/// <summary>
/// The sensor's phase travels in its status: the birth carries it, a change (learning to protecting, or learning
/// progress) is published once, and an unchanged phase is not published again.
/// </summary>
public sealed class UplinkPhaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-phase-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_phase_change_is_published_once_after_the_birth()
    {
        int port = FreePort();
        var statuses = new ConcurrentQueue<string>();
        var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build();
        using var broker = new MqttServerFactory().CreateMqttServer(options);
        broker.InterceptingPublishAsync += async e =>
        {
            if (e.ApplicationMessage.Topic.EndsWith("/status", StringComparison.Ordinal))
            {
                statuses.Enqueue(e.ApplicationMessage.ConvertPayloadToString());
                if (statuses.Count == 1)
                {
                    // A slow broker: the birth's PUBACK comes late, so the phase is asked for while the birth is still
                    // in flight (the race that made this test flaky: the change was compared with no birth and the
                    // learning status went out twice).
                    await Task.Delay(500);
                }
            }
        };
        await broker.StartAsync();

        (string Phase, double? Progress, DateTimeOffset? EndsAt) phase = ("learning", 0.25, null);
        using var outbox = new DiskOutbox(new OutboxOptions { Directory = Path.Combine(_dir, "outbox") });
        await using var uplink = new MqttUplink(new UplinkOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Site = "plant1",
            Sensor = "cabinet-7",
            BdSeqFile = Path.Combine(_dir, "bdseq"),
            MessageIds = new MessageIdSource("cabinet-7"),
            Phase = () => phase,
        }, outbox, _ => { });
        using var stop = new CancellationTokenSource();
        Task run = Task.Run(() => uplink.RunAsync(stop.Token));
        await WaitFor(() => statuses.Count == 1, "the birth");
        Assert.Contains("\"phase\":\"learning\"", statuses.Single(), StringComparison.Ordinal);
        Assert.Contains("\"learningProgress\":0.25", statuses.Single(), StringComparison.Ordinal);

        await uplink.PublishPhaseAsync(stop.Token);   // unchanged: nothing
        phase = ("protecting", 1.0, null);
        await uplink.PublishPhaseAsync(stop.Token);   // changed: one status
        await uplink.PublishPhaseAsync(stop.Token);   // unchanged again: nothing
        await WaitFor(() => statuses.Count >= 2, "the phase change");
        await Task.Delay(200);

        Assert.Equal(2, statuses.Count);
        Assert.Contains("\"phase\":\"protecting\"", statuses.Last(), StringComparison.Ordinal);
        Assert.Contains("\"state\":\"online\"", statuses.Last(), StringComparison.Ordinal);

        await stop.CancelAsync();
        await run;
        await broker.StopAsync();
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
