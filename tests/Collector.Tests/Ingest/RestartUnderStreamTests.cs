using System.Collections.Concurrent;
using System.Globalization;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Topics;
using Xunit.Abstractions;

namespace Collector.Tests.Ingest;

public sealed class RestartUnderStreamTests(ITestOutputHelper output) : IDisposable
{
    private const string Site = "plant-a";
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Restart_under_a_stream_loses_nothing_acknowledged_and_stores_nothing_twice()
    {
        const int Count = 600;
        const string SensorId = "s7-line1";
        int port = TestCollector.FreePort();
        using var clientCertificate = _pki.IssueClient(SensorId);
        TestCollector collector = await TestCollector.StartAsync(_pki, _data, port);
        var acknowledged = new ConcurrentBag<string>();
        int retries = 0;

        // The sensor's outbox in miniature: each message keeps its id and is re-sent until the broker acknowledges it.
        async Task PublishAllAsync()
        {
            TestSensor? sensor = null;
            for (int i = 1; i <= Count; i++)
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"{SensorId}:1000:{i}");
                byte[] payload = Samples.IncidentMessage(Site, SensorId, id, Samples.Incident with { Version = i });
                while (true)
                {
                    try
                    {
                        if (sensor is null || !sensor.IsConnected)
                        {
                            if (sensor is not null)
                            {
                                await sensor.DisposeAsync();
                            }

                            sensor = new TestSensor(port, _pki.Ca, clientCertificate, SensorId, cleanStart: false);
                            var connected = await sensor.ConnectAsync();
                            if (connected.ResultCode != MQTTnet.MqttClientConnectResultCode.Success)
                            {
                                throw new InvalidOperationException(connected.ResultCode.ToString());
                            }
                        }

                        var result = await sensor.PublishAsync(EdgeTopics.IncidentsTopic(Site, SensorId), payload);
                        if (TestSensor.Acknowledged(result))
                        {
                            acknowledged.Add(id);
                            break;
                        }
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // Broker gone or connection refused while it restarts: retry the same message.
                    }

                    Interlocked.Increment(ref retries);
                    if (sensor is not null && !sensor.IsConnected)
                    {
                        await Task.Delay(20);
                    }
                }
            }

            if (sensor is not null)
            {
                await sensor.DisposeAsync();
            }
        }

        Task stream = PublishAllAsync();
        while (acknowledged.Count < Count / 3)
        {
            await Task.Delay(5);
        }

        await collector.StopAsync();
        await collector.DisposeAsync();
        int ackedBeforeRestart = acknowledged.Count;
        long storedBeforeRestart = TestCollector.Scalar(Path.Combine(_data, "collector.db"), "SELECT count(*) FROM messages");
        await Task.Delay(200);
        collector = await TestCollector.StartAsync(_pki, _data, port);
        await stream.WaitAsync(TimeSpan.FromSeconds(60));

        var stored = collector.Strings("SELECT message_id FROM messages").ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"acked before restart {ackedBeforeRestart}, stored before restart {storedBeforeRestart}, retries {retries}, duplicates after restart {collector.Counters.Duplicates}");
        Assert.True(storedBeforeRestart >= ackedBeforeRestart, "every message acknowledged before the stop was committed");
        Assert.Equal(Count, acknowledged.Count);
        Assert.Subset(stored, acknowledged.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(Count, collector.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(Count, collector.Scalar("SELECT count(DISTINCT message_id) FROM messages"));
        Assert.Equal(Count, collector.Scalar("SELECT count(*) FROM incident_versions"));
        await collector.DisposeAsync();
    }
}
