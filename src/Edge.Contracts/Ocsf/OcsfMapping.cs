using Edge.Contracts.Detection;

namespace Edge.Contracts.Ocsf;

/// <summary>
/// Maps an Edge incident (<see cref="BreachSummaryRecord"/>) to an OCSF Detection Finding. The MQTT payload stays
/// Edge's record; the collector builds this view for SIEMs. Each incident version is one OCSF event: version 1 is a
/// Create, later versions Updates, and the closing version a Close, all sharing <c>finding_info.uid</c>.
/// </summary>
public static class OcsfMapping
{
    /// <summary>The incident state Edge uses for a closed incident.</summary>
    public const string ClosedState = "closed";

    /// <summary>Builds the finding. <paramref name="productVersion"/> is the sensor or collector version, when known.</summary>
    public static OcsfDetectionFinding ToDetectionFinding(BreachSummaryRecord incident, string? productVersion = null)
    {
        ArgumentNullException.ThrowIfNull(incident);

        int activityId = ActivityFor(incident.State, incident.Version);
        string activityName = ActivityName(activityId);
        int severityId = SeverityFor(incident.Score);
        bool closed = activityId == OcsfConstants.ActivityClose;
        long first = incident.FirstSeen.ToUnixTimeMilliseconds();
        long last = incident.LastSeen.ToUnixTimeMilliseconds();

        return new OcsfDetectionFinding
        {
            ActivityId = activityId,
            ActivityName = activityName,
            TypeUid = (OcsfConstants.DetectionFindingClassUid * 100L) + activityId,
            TypeName = "Detection Finding: " + activityName,
            SeverityId = severityId,
            Severity = SeverityName(severityId),
            StatusId = closed ? OcsfConstants.StatusOther : OcsfConstants.StatusNew,
            Status = closed ? "Closed" : "New",
            Time = last,
            StartTime = first,
            EndTime = last,
            Message = incident.Title,
            RiskScore = incident.Score,
            FindingInfo = FindingInfo(incident, first, last),
            Resources = Resources(incident),
            Metadata = new OcsfMetadata
            {
                Product = new OcsfProduct { Version = productVersion },
                Uid = string.Concat(incident.IncidentId, ":", incident.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                CorrelationUid = incident.IncidentId,
            },
        };
    }

    /// <summary>Close when the incident is closed; otherwise Create for version 1 (or below) and Update after.</summary>
    public static int ActivityFor(string state, int version)
    {
        if (string.Equals(state, ClosedState, StringComparison.Ordinal))
        {
            return OcsfConstants.ActivityClose;
        }

        return version <= 1 ? OcsfConstants.ActivityCreate : OcsfConstants.ActivityUpdate;
    }

    /// <summary>
    /// Score bands: 0 Unknown below 0; 1-19 (and 0) Informational; 20-39 Low; 40-59 Medium; 60-79 High; 80 and above
    /// Critical. The lab's benign noise stays at or below 30 (Low); a confirmed intrusion story scores 80-100.
    /// </summary>
    public static int SeverityFor(int score) => score switch
    {
        < 0 => OcsfConstants.SeverityUnknown,
        < 20 => OcsfConstants.SeverityInformational,
        < 40 => OcsfConstants.SeverityLow,
        < 60 => OcsfConstants.SeverityMedium,
        < 80 => OcsfConstants.SeverityHigh,
        _ => OcsfConstants.SeverityCritical,
    };

    public static string SeverityName(int severityId) => severityId switch
    {
        OcsfConstants.SeverityInformational => "Informational",
        OcsfConstants.SeverityLow => "Low",
        OcsfConstants.SeverityMedium => "Medium",
        OcsfConstants.SeverityHigh => "High",
        OcsfConstants.SeverityCritical => "Critical",
        _ => "Unknown",
    };

    public static string ActivityName(int activityId) => activityId switch
    {
        OcsfConstants.ActivityCreate => "Create",
        OcsfConstants.ActivityUpdate => "Update",
        OcsfConstants.ActivityClose => "Close",
        _ => "Unknown",
    };

    /// <summary>One attack per (technique, tactic); tactic uids from <see cref="AttackIcsTactics"/> where known.</summary>
    public static IReadOnlyList<OcsfAttack> Attacks(IReadOnlyList<AttackTechnique> techniques)
    {
        ArgumentNullException.ThrowIfNull(techniques);
        var attacks = new List<OcsfAttack>(techniques.Count);
        foreach (AttackTechnique technique in techniques)
        {
            var ocsfTechnique = new OcsfTechnique(technique.Id, technique.Name);
            if (technique.Tactics.Count == 0)
            {
                attacks.Add(new OcsfAttack { Technique = ocsfTechnique });
                continue;
            }

            foreach (string tactic in technique.Tactics)
            {
                attacks.Add(new OcsfAttack
                {
                    Technique = ocsfTechnique,
                    Tactic = new OcsfTactic { Name = tactic, Uid = AttackIcsTactics.TryGetUid(tactic, out string uid) ? uid : null },
                });
            }
        }

        return attacks;
    }

    private static OcsfFindingInfo FindingInfo(BreachSummaryRecord incident, long first, long last)
    {
        var types = new List<string>(incident.Models.Count);
        var related = new List<OcsfAnalytic>();
        foreach (ModelHit hit in incident.Models)
        {
            types.Add(hit.Model);
            if (types.Count > 1)
            {
                related.Add(new OcsfAnalytic { Uid = hit.Model, Name = hit.Title });
            }
        }

        // An incident always has a model; the fallback keeps the required analytic present if one ever arrives without.
        OcsfAnalytic analytic = incident.Models.Count > 0
            ? new OcsfAnalytic { Uid = incident.Models[0].Model, Name = incident.Models[0].Title }
            : new OcsfAnalytic { Uid = "incident", Name = incident.Title };

        return new OcsfFindingInfo
        {
            Uid = incident.IncidentId,
            Title = incident.Title,
            Desc = incident.Narrative,
            CreatedTime = first,
            ModifiedTime = last,
            FirstSeenTime = first,
            LastSeenTime = last,
            Types = types,
            Analytic = analytic,
            RelatedAnalytics = related.Count > 0 ? related : null,
            Attacks = Attacks(incident.Techniques),
        };
    }

    private static List<OcsfResource> Resources(BreachSummaryRecord incident)
    {
        var resources = new List<OcsfResource>(1 + incident.RelatedDevices.Count) { new() { Uid = incident.Device } };
        foreach (string device in incident.RelatedDevices)
        {
            if (!string.Equals(device, incident.Device, StringComparison.Ordinal))
            {
                resources.Add(new OcsfResource { Uid = device });
            }
        }

        return resources;
    }
}
