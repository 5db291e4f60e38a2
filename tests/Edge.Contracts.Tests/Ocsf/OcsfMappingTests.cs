using System.Text.Json;
using Edge.Contracts.Detection;
using Edge.Contracts.Ocsf;
using Edge.Contracts.Tests.Serialization;

namespace Edge.Contracts.Tests.Ocsf;

/// <summary>Incident to OCSF Detection Finding: activity from state and version, severity from score bands, ATT&amp;CK for ICS.</summary>
public sealed class OcsfMappingTests
{
    [Theory]
    [InlineData("open", 1, 1, "Create", 200401)]
    [InlineData("open", 2, 2, "Update", 200402)]
    [InlineData("open", 17, 2, "Update", 200402)]
    [InlineData("closed", 5, 3, "Close", 200403)]
    [InlineData("closed", 1, 3, "Close", 200403)]
    public void Activity_from_state_and_version(string state, int version, int activityId, string activityName, long typeUid)
    {
        OcsfDetectionFinding finding = OcsfMapping.ToDetectionFinding(Samples.Incident(state, version));

        Assert.Equal(activityId, finding.ActivityId);
        Assert.Equal(activityName, finding.ActivityName);
        Assert.Equal(typeUid, finding.TypeUid);
        Assert.Equal("Detection Finding: " + activityName, finding.TypeName);
        Assert.Equal(2004, finding.ClassUid);
        Assert.Equal(2, finding.CategoryUid);
    }

    [Fact]
    public void Status_follows_the_state()
    {
        Assert.Equal((1, "New"), Status(OcsfMapping.ToDetectionFinding(Samples.Incident("open", 3))));
        Assert.Equal((99, "Closed"), Status(OcsfMapping.ToDetectionFinding(Samples.Incident("closed", 3))));

        static (int, string) Status(OcsfDetectionFinding f) => (f.StatusId, f.Status);
    }

    [Theory]
    [InlineData(-1, 0, "Unknown")]
    [InlineData(0, 1, "Informational")]
    [InlineData(19, 1, "Informational")]
    [InlineData(20, 2, "Low")]
    [InlineData(30, 2, "Low")]
    [InlineData(39, 2, "Low")]
    [InlineData(40, 3, "Medium")]
    [InlineData(59, 3, "Medium")]
    [InlineData(60, 4, "High")]
    [InlineData(79, 4, "High")]
    [InlineData(80, 5, "Critical")]
    [InlineData(100, 5, "Critical")]
    [InlineData(150, 5, "Critical")]
    public void Severity_bands(int score, int severityId, string severity)
    {
        OcsfDetectionFinding finding = OcsfMapping.ToDetectionFinding(Samples.Incident(score: score));

        Assert.Equal(severityId, finding.SeverityId);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(score, finding.RiskScore);
    }

    [Fact]
    public void Ics_techniques_are_carried_in_finding_info_attacks_one_per_tactic()
    {
        OcsfFindingInfo info = OcsfMapping.ToDetectionFinding(Samples.Incident()).FindingInfo;

        Assert.Equal(
            [
                ("T0864", "Transient Cyber Asset", "Lateral Movement", "TA0109"),
                ("T0846", "Remote System Discovery", "Discovery", "TA0102"),
                ("T0886", "Remote Services", "Initial Access", "TA0108"),
                ("T0886", "Remote Services", "Lateral Movement", "TA0109"),
            ],
            info.Attacks.Select(a => (a.Technique.Uid, a.Technique.Name, a.Tactic!.Name, a.Tactic.Uid)));
        Assert.All(info.Attacks, a => Assert.Equal("v15", a.Version));
    }

    [Fact]
    public void A_technique_without_tactic_or_with_an_unknown_tactic_is_kept()
    {
        IReadOnlyList<OcsfAttack> attacks = OcsfMapping.Attacks(
        [
            new AttackTechnique("T0000", "Made Up", []),
            new AttackTechnique("T0001", "Also Made Up", ["Reconnaissance"]),
        ]);

        Assert.Equal(2, attacks.Count);
        Assert.Null(attacks[0].Tactic);
        Assert.Equal("Reconnaissance", attacks[1].Tactic!.Name);
        Assert.Null(attacks[1].Tactic!.Uid);

        string json = JsonSerializer.Serialize(
            OcsfMapping.ToDetectionFinding(Samples.Incident() with { Techniques = [new AttackTechnique("T0000", "Made Up", [])] }),
            OcsfJsonContext.Default.OcsfDetectionFinding);
        Assert.Contains("\"attacks\":[{\"technique\":{\"uid\":\"T0000\",\"name\":\"Made Up\"},\"version\":\"v15\"}]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Finding_info_times_and_text()
    {
        BreachSummaryRecord incident = Samples.Incident();
        OcsfDetectionFinding finding = OcsfMapping.ToDetectionFinding(incident);

        Assert.Equal(incident.IncidentId, finding.FindingInfo.Uid);
        Assert.Equal(incident.Title, finding.FindingInfo.Title);
        Assert.Equal(incident.Narrative, finding.FindingInfo.Desc);
        Assert.Equal(incident.FirstSeen.ToUnixTimeMilliseconds(), finding.FindingInfo.CreatedTime);
        Assert.Equal(incident.LastSeen.ToUnixTimeMilliseconds(), finding.FindingInfo.ModifiedTime);
        Assert.Equal(incident.LastSeen.ToUnixTimeMilliseconds(), finding.Time);
        Assert.Equal("new-device", finding.FindingInfo.Analytic.Uid);
        Assert.Equal(["ot-scan"], finding.FindingInfo.RelatedAnalytics!.Select(a => a.Uid));
        Assert.Equal(["new-device", "ot-scan"], finding.FindingInfo.Types);
    }

    [Fact]
    public void Resources_are_the_subject_then_related_devices_without_duplicates()
    {
        BreachSummaryRecord incident = Samples.Incident() with { RelatedDevices = ["10.220.0.30", "10.220.0.99"] };

        Assert.Equal(
            ["10.220.0.99", "10.220.0.30"],
            OcsfMapping.ToDetectionFinding(incident).Resources.Select(r => r.Uid));
        Assert.All(OcsfMapping.ToDetectionFinding(incident).Resources, r => Assert.Equal("device", r.Type));
    }

    [Fact]
    public void Metadata_ids_are_unique_per_version_and_correlate_per_incident()
    {
        OcsfMetadata v1 = OcsfMapping.ToDetectionFinding(Samples.Incident(version: 1)).Metadata;
        OcsfMetadata v2 = OcsfMapping.ToDetectionFinding(Samples.Incident(version: 2)).Metadata;

        Assert.NotEqual(v1.Uid, v2.Uid);
        Assert.Equal(v1.CorrelationUid, v2.CorrelationUid);
        Assert.Equal("1.1.0", v1.Version);
        Assert.Equal("Edge", v1.Product.Name);
        Assert.Equal("Edge", v1.Product.VendorName);
        Assert.Null(v1.Product.Version);
    }

    [Theory]
    [InlineData("Initial Access", "TA0108")]
    [InlineData("Execution", "TA0104")]
    [InlineData("Persistence", "TA0110")]
    [InlineData("Privilege Escalation", "TA0111")]
    [InlineData("Evasion", "TA0103")]
    [InlineData("Discovery", "TA0102")]
    [InlineData("Lateral Movement", "TA0109")]
    [InlineData("Collection", "TA0100")]
    [InlineData("Command and Control", "TA0101")]
    [InlineData("Inhibit Response Function", "TA0107")]
    [InlineData("Impair Process Control", "TA0106")]
    [InlineData("Impact", "TA0105")]
    public void Ics_tactic_ids(string name, string uid)
    {
        Assert.True(AttackIcsTactics.TryGetUid(name, out string found));
        Assert.Equal(uid, found);
    }

    [Fact]
    public void Snake_case_json_round_trips()
    {
        OcsfDetectionFinding finding = OcsfMapping.ToDetectionFinding(Samples.Incident(), "0.4.0");
        string json = JsonSerializer.Serialize(finding, OcsfJsonContext.Default.OcsfDetectionFinding);
        OcsfDetectionFinding back = JsonSerializer.Deserialize(json, OcsfJsonContext.Default.OcsfDetectionFinding)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, OcsfJsonContext.Default.OcsfDetectionFinding));
        Assert.Contains("\"class_uid\":2004", json, StringComparison.Ordinal);
        Assert.Contains("\"vendor_name\":\"Edge\"", json, StringComparison.Ordinal);
    }
}
