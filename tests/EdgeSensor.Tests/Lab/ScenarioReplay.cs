using System.Globalization;
using System.Text.Json;
using Edge.Contracts.Detection;
using Edge.Contracts.Serialization;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// Replays an incident recording as the demo does (<c>edge-sensor run --config</c>, a sensor learning from scratch for
/// <see cref="AttackLab.ScenarioLearningSeconds"/> of capture time, with the given zones), but as fast as possible and
/// with findings to a file instead of an uplink; returns every incident version it wrote.
/// </summary>
internal static class ScenarioReplay
{
    public static List<BreachSummaryRecord> Run(string pcap, string zonesJson)
    {
        string dir = Directory.CreateTempSubdirectory("edge-scenario-").FullName;
        try
        {
            string findings = Path.Combine(dir, "findings.jsonl");
            string zonesFile = Path.Combine(dir, "zones.json");
            File.WriteAllText(zonesFile, zonesJson);
            string config = Path.Combine(dir, "sensor.json");
            File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
                { "site": "lab", "sensorId": "tap",
                  "capture": { "file": {{Json(pcap)}}, "replaySpeed": 0 },
                  "learningSeconds": {{AttackLab.ScenarioLearningSeconds}}, "zonesFile": {{Json(zonesFile)}}, "findingsFile": {{Json(findings)}} }
                """));
            var (rc, _, stderr) = LabProcess.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), "run", "--config", config], TimeSpan.FromSeconds(90));
            Assert.True(rc == 0, string.Create(CultureInfo.InvariantCulture, $"edge-sensor run exited {rc}: {stderr}"));
            return File.ReadLines(findings)
                .Where(l => l.Contains("\"type\":\"incident\"", StringComparison.Ordinal))
                .Select(l => JsonSerializer.Deserialize(l, EdgeJsonContext.Default.BreachSummaryRecord)!)
                .ToList();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Json(string value) => JsonSerializer.Serialize(value);
}
