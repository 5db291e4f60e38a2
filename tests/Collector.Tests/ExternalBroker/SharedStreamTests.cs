using System.Globalization;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Topics;

namespace Collector.Tests.ExternalBroker;

/// <summary>
/// Several collectors on one Mosquitto: they split the stream through the MQTT 5 shared subscription and together
/// store each message exactly once; a collector restarted in the middle of a steady stream loses nothing the broker
/// acknowledged to a sensor and stores nothing twice (its persistent session queues what arrives meanwhile).
/// </summary>
public sealed class SharedStreamTests : IDisposable
{
    private const string Site = "plant-a";
    private readonly TestPki _pki = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-shared-").FullName;

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Two_collectors_share_the_stream_and_store_each_message_once()
    {
        await using var broker = new MosquittoBroker(_pki, "edge-collector-1", "edge-collector-2");
        await broker.StartAsync();
        await using TestCollector one = await TestCollector.StartExternalAsync(_pki, Path.Combine(_dir, "c1"), broker.Url, "edge-collector-1");
        await using TestCollector two = await TestCollector.StartExternalAsync(_pki, Path.Combine(_dir, "c2"), broker.Url, "edge-collector-2");
        await one.WaitUntilSubscribedAsync();
        await two.WaitUntilSubscribedAsync();

        const int perSensor = 300;
        string[] sensors = ["cabinet-1", "cabinet-2"];
        await Task.WhenAll(sensors.Select(s => PublishAsync(broker, s, perSensor)));

        string countFindings = "SELECT count(*) FROM messages WHERE kind <> 'status'";
        await WaitUntil(() => Count(one, countFindings) + Count(two, countFindings) >= sensors.Length * perSensor, "all findings stored");
        await Task.Delay(500);

        HashSet<string> first = [.. one.Strings("SELECT message_id FROM messages WHERE kind <> 'status'")];
        HashSet<string> second = [.. two.Strings("SELECT message_id FROM messages WHERE kind <> 'status'")];
        Assert.Empty(first.Intersect(second));
        Assert.Equal(sensors.Length * perSensor, first.Count + second.Count);
        Assert.Equal(Expected(sensors, perSensor), first.Union(second).ToHashSet());
        // Both took part: Mosquitto distributes a shared subscription round-robin.
        Assert.True(first.Count > perSensor / 4 && second.Count > perSensor / 4, $"split {first.Count}/{second.Count}");
        Assert.Equal(0, one.Scalar("SELECT count(*) FROM dead_letters") + two.Scalar("SELECT count(*) FROM dead_letters"));
    }

    [Fact]
    public async Task A_collector_restarted_under_a_steady_stream_loses_nothing_and_stores_nothing_twice()
    {
        await using var broker = new MosquittoBroker(_pki, "edge-collector-1");
        await broker.StartAsync();
        string data = Path.Combine(_dir, "c1");
        TestCollector collector = await TestCollector.StartExternalAsync(_pki, data, broker.Url, "edge-collector-1");
        await collector.WaitUntilSubscribedAsync();

        const int total = 600;
        Task stream = PublishAsync(broker, "cabinet-1", total, pace: TimeSpan.FromMilliseconds(3));
        await collector.WaitForAsync("SELECT count(*) FROM messages", total / 4);
        await collector.DisposeAsync();
        long storedBeforeRestart = TestCollector.Scalar(Path.Combine(data, "collector.db"), "SELECT count(*) FROM messages");
        await Task.Delay(700);

        collector = await TestCollector.StartExternalAsync(_pki, data, broker.Url, "edge-collector-1");
        await stream;
        await collector.WaitForAsync("SELECT count(*) FROM messages", total);
        await Task.Delay(300);

        Assert.True(storedBeforeRestart < total, "the restart should fall inside the stream");
        Assert.Equal(total, collector.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(Expected(["cabinet-1"], total), collector.Strings("SELECT message_id FROM messages").ToHashSet());
        Assert.Equal(0, collector.Scalar("SELECT count(*) FROM dead_letters"));
        await collector.DisposeAsync();
    }

    /// <summary>Publishes <paramref name="count"/> anomalies as <paramref name="sensor"/>, each acknowledged by the broker.</summary>
    private async Task PublishAsync(MosquittoBroker broker, string sensor, int count, TimeSpan? pace = null)
    {
        await using var client = new TestSensor(broker.Port, _pki.Ca, _pki.IssueClient(sensor), sensor);
        await client.ConnectAsync();
        for (int i = 1; i <= count; i++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"{sensor}:1:{i}");
            Assert.True(TestSensor.Acknowledged(await client.PublishAsync(EdgeTopics.AnomaliesTopic(Site, sensor), Samples.AnomalyMessage(Site, sensor, id))));
            if (pace is { } p)
            {
                await Task.Delay(p);
            }
        }
    }

    private static HashSet<string> Expected(string[] sensors, int perSensor) =>
        [.. sensors.SelectMany(s => Enumerable.Range(1, perSensor).Select(i => string.Create(CultureInfo.InvariantCulture, $"{s}:1:{i}")))];

    private static long Count(TestCollector collector, string sql) =>
        File.Exists(collector.DatabasePath) ? collector.Scalar(sql) : 0;

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(100);
        }
    }
}
