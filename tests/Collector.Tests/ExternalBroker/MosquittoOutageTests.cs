using System.Globalization;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Topics;
using EdgeSensor.Publishing;
using EdgeSensor.Publishing.Mqtt;
using EdgeSensor.Publishing.Outbox;

namespace Collector.Tests.ExternalBroker;

/// <summary>
/// The whole chain through a real Mosquitto: the sensor's disk outbox and MQTT uplink (mutual TLS) publish findings,
/// Mosquitto relays them, the collector stores them. The broker goes down, findings keep coming, the sensor side is
/// restarted in the middle of the outage, the broker returns: the collector holds every finding exactly once.
/// </summary>
public sealed class MosquittoOutageTests : IDisposable
{
    private const string Site = "plant1";
    private const string Sensor = "cabinet-7";
    private readonly TestPki _pki = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-outage-").FullName;
    private int _next;

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Every_finding_is_stored_once_after_a_broker_outage_with_a_sensor_restart_in_it()
    {
        await using var broker = new MosquittoBroker(_pki, "edge-collector-1");
        await broker.StartAsync();
        await using TestCollector collector = await TestCollector.StartExternalAsync(_pki, Path.Combine(_dir, "collector"), broker.Url, "edge-collector-1");
        await collector.WaitUntilSubscribedAsync();
        (string cert, string key) = _pki.WriteClient(Sensor);
        const string findings = "SELECT count(*) FROM messages WHERE kind = 'anomalies'";

        SensorSide sensor = SensorSide.Start(_dir, broker.Port, _pki.CaPath, cert, key);
        Produce(sensor, 20);
        await collector.WaitForAsync(findings, 20);

        // Outage: Mosquitto is stopped (as systemd would); the sensor keeps finding things.
        await broker.StopAsync();
        Produce(sensor, 15);
        await Task.Delay(300);

        // The sensor restarts in the middle of the outage: what it had not delivered is still in its outbox.
        await sensor.StopAsync();
        sensor = SensorSide.Start(_dir, broker.Port, _pki.CaPath, cert, key);
        Assert.True(sensor.Outbox.Count >= 15, $"the outbox lost findings across the restart: {sensor.Outbox.Count}");
        Produce(sensor, 15);

        // The broker returns; the sensor and the collector reconnect on their own.
        await broker.StartAsync();
        await collector.WaitForAsync(findings, 50, TimeSpan.FromSeconds(60));
        await WaitUntil(() => sensor.Outbox.Count == 0, "the outbox drained");
        await Task.Delay(300);

        HashSet<string> expected = [.. Enumerable.Range(1, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"{Sensor}:1:{i}"))];
        Assert.Equal(expected, collector.Strings("SELECT message_id FROM messages WHERE kind = 'anomalies'").ToHashSet());
        Assert.Equal(50, collector.Scalar(findings));
        Assert.Equal(0, collector.Scalar("SELECT count(*) FROM dead_letters"));
        // Two connections of the sensor, so two births; the collector knows it is online with the newer bdSeq.
        Assert.True(sensor.Uplink.BdSeq >= 2, "a reconnect must take a new bdSeq");
        await WaitUntil(() => collector.Strings("SELECT state FROM sensors").SequenceEqual(["online"]), "the sensor online");
        Assert.Equal(sensor.Uplink.BdSeq, collector.Scalar("SELECT bd_seq FROM sensors"));
        await sensor.StopAsync();
    }

    private void Produce(SensorSide sensor, int count)
    {
        for (int i = 0; i < count; i++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"{Sensor}:1:{++_next}");
            sensor.Outbox.Append(new OutboxRecord(EdgeTopics.AnomaliesTopic(Site, Sensor), Samples.AnomalyMessage(Site, Sensor, id), id, 50, DateTimeOffset.UtcNow));
            sensor.Uplink.Notify();
        }
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>The sensor's publishing half as `edge-sensor run` wires it: a disk outbox drained by the MQTT uplink.</summary>
    private sealed class SensorSide
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private SensorSide(DiskOutbox outbox, MqttUplink uplink)
        {
            Outbox = outbox;
            Uplink = uplink;
        }

        public DiskOutbox Outbox { get; }

        public MqttUplink Uplink { get; }

        public static SensorSide Start(string dir, int port, string ca, string cert, string key)
        {
            var outbox = new DiskOutbox(new OutboxOptions { Directory = Path.Combine(dir, "outbox") });
            var uplink = new MqttUplink(new UplinkOptions
            {
                Host = "localhost",
                Port = port,
                Site = Site,
                Sensor = Sensor,
                CaFile = ca,
                CertificateFile = cert,
                KeyFile = key,
                BdSeqFile = Path.Combine(dir, "bdseq"),
                MessageIds = new MessageIdSource(Sensor),
                MinBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromMilliseconds(500),
            }, outbox, _ => { });
            var side = new SensorSide(outbox, uplink);
            side._run = Task.Run(() => uplink.RunAsync(side._stop.Token));
            return side;
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _run;
            await Uplink.DisposeAsync();
            Outbox.Dispose();
            _stop.Dispose();
        }
    }
}
