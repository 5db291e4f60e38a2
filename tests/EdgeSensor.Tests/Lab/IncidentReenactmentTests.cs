using System.Text.Json;
using Edge.Contracts.Detection;
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
    private const string Zones = """
        { "zones": [
          { "name": "Computing", "purdueLevel": 4, "subnets": ["10.210.0.0/24"] },
          { "name": "Industrial", "purdueLevel": 1, "subnets": ["10.220.0.0/24"] } ] }
        """;

    [Fact]
    [Trait("Category", "Lab")]
    public void The_incident_is_one_breach_summary_about_the_new_laptop()
    {
        using var lab = AttackLab.Create();
        string zones = Path.Combine(lab.WorkDirectory, "zones.json");
        File.WriteAllText(zones, Zones);
        using var traffic = lab.StartNormalTraffic(TimeSpan.FromSeconds(90));
        using var sensor = lab.StartSensor("analyze", "--interface", AttackLab.TapInterface, "--learning-seconds", "20",
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

        var laptop = Assert.Single(incidents, i => i.Device == lab.Laptop.Address);
        var models = laptop.Models.Select(m => m.Model).ToHashSet();
        string seen = $"{laptop.Score} [{string.Join(", ", models)}] {log}";
        Assert.True(laptop.Score >= 80, seen);
        foreach (string model in new[]
        {
            "new-device", "unusual-admin-rdp", "it-to-ics-connection", "ot-scan", "ssl-without-sni-to-new-external",
            "rare-external-ssl-self-signed", "failed-external-ics-port",
        })
        {
            Assert.True(models.Contains(model), $"{model} missing: {seen}");
        }

        Assert.True(models.Contains("failed-internal-connections") || models.Contains("failed-connections-to-ics-device"), seen);
        Assert.True(models.Overlaps(["unusual-ics-connectivity", "new-action-commands", "discover-commands"]), $"no S7/Modbus activity: {seen}");
        Assert.Contains(laptop.Techniques, t => t.Id == "T0846");
        Assert.Contains(laptop.Techniques, t => t.Id == "T0869");
        Assert.False(string.IsNullOrWhiteSpace(laptop.Narrative));

        // Nothing else in the lab (the learning phase, the HMI, the PLCs, the IT workstation) rose above 30.
        Assert.All(incidents.Where(i => i.Device != lab.Laptop.Address), i => Assert.True(i.Score <= 30, $"{i.Device}: {i.Title} {i.Score}"));
    }
}
