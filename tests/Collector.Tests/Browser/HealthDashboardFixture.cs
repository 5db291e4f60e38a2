using Collector.Tests.Infrastructure;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;

namespace Collector.Tests.Browser;

/// <summary>
/// The dashboard after a sensor (site plant-h, sensor gateway-h) came back from a watchdog kill and reported its
/// health over the embedded broker, as the real sensor does: a birth with the previous run's end, then metrics ten
/// minutes apart whose last one carries known values and two alerts (one of them with markup in its detail).
/// </summary>
public sealed class HealthDashboardFixture : DashboardFixture
{
    public const string Site = "plant-h";
    public const string Sensor = "gateway-h";

    /// <summary>What the last metrics report (the Sensors page must show these).</summary>
    public static SensorHealth Health { get; } = new()
    {
        CpuPercent = 12.5,
        MemoryBytes = 240L << 20,
        MemoryLimitBytes = 256L << 20,
        TemperatureCelsius = 48.312,
        DiskFreeBytes = 1L << 30,
        DiskTotalBytes = 8L << 30,
        Capture = new CaptureHealth { Received = 1_000_012, KernelDropped = 12, InterfaceDropped = 3, DroppedBySensor = 0 },
        UptimeSeconds = 3600,
        Alerts =
        [
            new HealthAlert { Code = HealthAlertCodes.CaptureDrops, Since = DateTimeOffset.UtcNow.AddMinutes(-4), Detail = "15 frames lost; <img src=x id=injected> kernel 12, interface 3" },
            new HealthAlert { Code = HealthAlertCodes.MemoryHigh, Since = DateTimeOffset.UtcNow.AddMinutes(-2), Detail = "240 MiB resident of a 256 MiB cap (93.8 %)" },
        ],
    };

    public static PreviousExit PreviousExit { get; } = new() { Clean = false, Result = "watchdog", Signal = "ABRT", Source = "systemd", At = DateTimeOffset.UtcNow.AddHours(-1) };

    protected override async Task FeedAsync()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset started = now.AddHours(-1);
        using var certificate = Pki.IssueClient(Sensor);
        await using var sensor = new TestSensor(Collector.Port, Pki.Ca, certificate, Sensor);
        await sensor.ConnectAsync();
        await PublishAsync(sensor, EdgeTopics.StatusTopic(Site, Sensor), Samples.StatusMessage(Site, Sensor, $"{Sensor}:1:1",
            Samples.Birth with { BdSeq = 1, StartedAt = started, PreviousExit = PreviousExit }));

        // Four metrics ten minutes apart: 100, then 200 frames/s; CPU 5, 8, 12.5.
        SensorMetricsRecord metrics = Samples.Metrics with { StartedAt = started, Drops = 15, Outbox = new OutboxMetrics { Depth = 5, Bytes = 8192, Dropped = 0 } };
        (int Minutes, long Frames, double Cpu)[] series = [(-31, 0, 3), (-21, 60_000, 5), (-11, 120_000, 8), (-1, 240_000, 12.5)];
        for (int i = 0; i < series.Length; i++)
        {
            (int minutes, long frames, double cpu) = series[i];
            SensorHealth health = i == series.Length - 1 ? Health : new SensorHealth { CpuPercent = cpu, UptimeSeconds = 3600 + minutes * 60, Alerts = [] };
            await PublishAsync(sensor, EdgeTopics.MetricsTopic(Site, Sensor), Samples.Envelope(metrics with { Time = now.AddMinutes(minutes), Frames = frames, Health = health },
                "metrics", Site, Sensor, $"{Sensor}:1:{i + 2}", EdgeJsonContext.Default.EdgeEnvelopeSensorMetricsRecord));
        }

        await Collector.WaitForAsync($"SELECT count(*) FROM sensor_health_samples WHERE sensor = '{Sensor}'", series.Length);
    }

    private static async Task PublishAsync(TestSensor sensor, string topic, byte[] payload) =>
        Assert.True(TestSensor.Acknowledged(await sensor.PublishAsync(topic, payload)), "the collector did not take " + topic);
}
