using Collector.Tests.Infrastructure;

namespace Collector.Tests.Browser;

/// <summary>
/// The dashboard after the real sensor (site plant1, sensor cabinet-7) replayed the labelled Modbus reconnaissance
/// capture: assets, anomalies, and incidents about 192.168.1.101; the sensor is offline once the replay ends.
/// </summary>
public sealed class ReconDashboardFixture : DashboardFixture
{
    public const string Site = "plant1";
    public const string Sensor = "cabinet-7";
    public const string Attacker = "192.168.1.101";

    protected override async Task FeedAsync()
    {
        await RealSensor.ReplayAsync(Pki, Collector, WorkDirectory,
            RepositoryPaths.SharedCapture("modbus_attack_characterization-recon__labelled.pcap"), Site, Sensor);
        Assert.True(Collector.Scalar($"SELECT count(*) FROM incidents WHERE device = '{Attacker}'") >= 1,
            "the replay gave no incident about " + Attacker);
    }
}
