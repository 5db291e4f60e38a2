using Edge.Contracts.Detection;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// What the lab's incident must come out as, whether Edge saw it live on the tap or replays the recording: one breach
/// summary about the new laptop, scored 80 or more, naming every phase (RDP, scan, call home, refused external
/// Modbus, S7/Modbus to the PLCs); no other device above 30 (the learning phase, the HMI, the PLCs, the IT hosts).
/// </summary>
internal static class IncidentExpectations
{
    public const string Laptop = "10.210.0.66";

    /// <summary>
    /// Checks the latest version of each incident (a replayed run writes every version, analyze only the last) and
    /// returns the laptop's; <paramref name="context"/> goes into every failure message.
    /// </summary>
    public static BreachSummaryRecord AssertOneBreachSummaryAboutTheLaptop(IEnumerable<BreachSummaryRecord> versions, string context)
    {
        var incidents = versions.GroupBy(i => i.IncidentId, StringComparer.Ordinal).Select(g => g.MaxBy(i => i.Version)!).ToList();
        var laptop = Assert.Single(incidents, i => i.Device == Laptop);
        var models = laptop.Models.Select(m => m.Model).ToHashSet(StringComparer.Ordinal);
        string seen = $"{laptop.Score} [{string.Join(", ", models)}] {context}";
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

        Assert.All(incidents.Where(i => i.Device != Laptop), i => Assert.True(i.Score <= 30, $"{i.Device}: {i.Title} {i.Score} ({context})"));
        return laptop;
    }
}
