using System.Security.Cryptography;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// demo/incident.pcap, the lab's recording that scripts/demo.sh replays: a sensor replaying it from scratch as the demo
/// configures it (learning 20 s of capture time, demo/zones.json) raises the laptop's breach summary at score 100 and
/// nothing else above 30, as demo/README.md says; and that README gives the file's sha256. Reads the committed file
/// only, so it needs neither root nor the lab.
/// </summary>
public sealed class DemoCaptureTests
{
    private static string Demo(string name) => Path.Combine(SharedData.RepoRoot, "demo", name);

    [Fact]
    public void Replayed_from_scratch_it_raises_the_laptops_breach_summary()
    {
        var incidents = ScenarioReplay.Run(Demo("incident.pcap"), File.ReadAllText(Demo("zones.json")));
        var laptop = IncidentExpectations.AssertOneBreachSummaryAboutTheLaptop(incidents, "replay of demo/incident.pcap");
        Assert.Equal(100, laptop.Score);
    }

    [Fact]
    public void Its_readme_gives_its_sha256()
    {
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Demo("incident.pcap"))));
        Assert.Contains($"`{sha256}`", File.ReadAllText(Demo("README.md")), StringComparison.Ordinal);
    }
}
