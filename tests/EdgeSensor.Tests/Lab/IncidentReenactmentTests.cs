using System.Text.Json;
using Edge.Contracts.Serialization;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// The motivating incident, re-enacted in the lab with real tools while Edge captures live on the tap: after a
/// learning period of normal plant traffic, the new laptop's RDP session, OT scan, call home without SNI to a
/// self-signed server, refused external Modbus, and S7/Modbus access to the PLCs must come out as one breach
/// summary about the laptop, scored 80 or more; the learning phase must raise nothing above 30.
/// </summary>
public sealed class IncidentReenactmentTests
{
    [Fact]
    [Trait("Category", "Lab")]
    public void The_incident_is_one_breach_summary_about_the_new_laptop()
    {
        using var lab = AttackLab.Create();
        string zones = Path.Combine(lab.WorkDirectory, "zones.json");
        File.WriteAllText(zones, AttackLab.Zones);
        using var traffic = lab.StartNormalTraffic(TimeSpan.FromSeconds(90));
        string learning = AttackLab.ScenarioLearningSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var sensor = lab.StartSensor("analyze", "--interface", AttackLab.TapInterface, "--learning-seconds", learning,
            "--zones", zones, "--duration", "120", "--json");
        Assert.True(sensor.WaitForOutput("capturing on", TimeSpan.FromSeconds(20)), sensor.Output);

        Thread.Sleep(TimeSpan.FromSeconds(24));            // learning: normal traffic only (20 s of capture time)
        var log = lab.RunIncident();
        Thread.Sleep(TimeSpan.FromSeconds(3));
        sensor.Signal("TERM");
        Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(30)), "the sensor did not stop on SIGTERM");

        var lines = sensor.Output.Split('\n').Where(l => l.StartsWith('{')).ToList();
        var incidents = lines.Where(l => l.Contains("\"type\":\"incident\"", StringComparison.Ordinal))
            .Select(l => JsonSerializer.Deserialize(l, EdgeJsonContext.Default.BreachSummaryRecord)!).ToList();
        File.WriteAllLines(Path.Combine(Support.SharedData.ArtifactsDirectory, "lab-incident.jsonl"), lines);

        Assert.Equal(IncidentExpectations.Laptop, lab.Laptop.Address);
        IncidentExpectations.AssertOneBreachSummaryAboutTheLaptop(incidents, log.ToString());
    }
}
