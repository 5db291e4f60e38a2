namespace Edge.Contracts.Ocsf;

/// <summary>
/// OCSF 1.1 Detection Finding (class_uid 2004, category Findings 2): the view of an Edge incident the collector exposes
/// to SIEMs. Property names become snake_case through <see cref="OcsfJsonContext"/>. Only the attributes Edge fills are
/// modelled; see <see cref="OcsfMapping"/> for how each is derived from a <see cref="Detection.BreachSummaryRecord"/>.
/// </summary>
public sealed record OcsfDetectionFinding
{
    public int ClassUid { get; init; } = OcsfConstants.DetectionFindingClassUid;

    public string ClassName { get; init; } = "Detection Finding";

    public int CategoryUid { get; init; } = OcsfConstants.FindingsCategoryUid;

    public string CategoryName { get; init; } = "Findings";

    /// <summary>1 Create, 2 Update, 3 Close.</summary>
    public required int ActivityId { get; init; }

    public required string ActivityName { get; init; }

    /// <summary>class_uid * 100 + activity_id, e.g. 200401.</summary>
    public required long TypeUid { get; init; }

    public required string TypeName { get; init; }

    /// <summary>1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical (from the score, see <see cref="OcsfMapping.SeverityFor"/>).</summary>
    public required int SeverityId { get; init; }

    public required string Severity { get; init; }

    /// <summary>1 New while the incident is open; 99 Other ("Closed") once Edge closed it after a quiet period.</summary>
    public required int StatusId { get; init; }

    public required string Status { get; init; }

    /// <summary>Event time in Unix milliseconds: when this version of the finding was produced (the incident's last activity).</summary>
    public required long Time { get; init; }

    public required long StartTime { get; init; }

    public required long EndTime { get; init; }

    /// <summary>The incident's title.</summary>
    public required string Message { get; init; }

    /// <summary>Edge's 0-100 incident score.</summary>
    public required int RiskScore { get; init; }

    public required OcsfFindingInfo FindingInfo { get; init; }

    /// <summary>The devices involved: the incident's subject first, then the related devices.</summary>
    public required IReadOnlyList<OcsfResource> Resources { get; init; }

    public required OcsfMetadata Metadata { get; init; }
}
