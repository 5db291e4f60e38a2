namespace Edge.Contracts.Ocsf;

/// <summary>OCSF <c>finding_info</c>: what was found, by which analytic, and the ATT&amp;CK techniques it maps to.</summary>
public sealed record OcsfFindingInfo
{
    /// <summary>The incident id: the same across Create, Update and Close of one incident.</summary>
    public required string Uid { get; init; }

    public required string Title { get; init; }

    /// <summary>The incident's narrative.</summary>
    public string? Desc { get; init; }

    /// <summary>Unix milliseconds: when the incident opened (its first anomaly).</summary>
    public required long CreatedTime { get; init; }

    /// <summary>Unix milliseconds: the incident's last activity.</summary>
    public required long ModifiedTime { get; init; }

    public required long FirstSeenTime { get; init; }

    public required long LastSeenTime { get; init; }

    /// <summary>The Edge model ids that fired, in the order they first fired.</summary>
    public required IReadOnlyList<string> Types { get; init; }

    /// <summary>The model that opened the incident.</summary>
    public required OcsfAnalytic Analytic { get; init; }

    /// <summary>The other models that fired.</summary>
    public IReadOnlyList<OcsfAnalytic>? RelatedAnalytics { get; init; }

    /// <summary>One entry per (technique, tactic) pair; a technique without a known tactic appears once without one.</summary>
    public required IReadOnlyList<OcsfAttack> Attacks { get; init; }
}
