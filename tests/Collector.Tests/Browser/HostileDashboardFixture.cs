using Collector.Tests.Infrastructure;

namespace Collector.Tests.Browser;

/// <summary>
/// The dashboard after the real sensor (site plant-x, sensor cabinet-x) replayed <see cref="HostileCapture"/>, made
/// in a temp folder: a PLC and an RDP client whose names are markup.
/// </summary>
public sealed class HostileDashboardFixture : DashboardFixture
{
    public const string Site = "plant-x";
    public const string Sensor = "cabinet-x";

    protected override async Task FeedAsync()
    {
        string capture = Path.Combine(WorkDirectory, "hostile.pcap");
        HostileCapture.Write(capture, DateTimeOffset.UtcNow.AddMinutes(-1));
        await RealSensor.ReplayAsync(Pki, Collector, WorkDirectory, capture, Site, Sensor, HostileCapture.LearningSeconds);
    }
}
