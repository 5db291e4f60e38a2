namespace Edge.Contracts.Detection;

/// <summary>
/// An incident: anomalies about the same device (and its peers) within a time window stitched into one story, with a
/// plain-words title, a 0-100 score, the models in time order with their evidence, the ATT&amp;CK tactics and
/// techniques, and a narrative a plant engineer can read. Each update carries a higher <see cref="Version"/>.
/// Published on <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/incidents</c>.
/// </summary>
public sealed record BreachSummaryRecord
{
    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    public string Type { get; init; } = "incident";

    public required string IncidentId { get; init; }

    /// <summary>1 when opened, +1 on every update.</summary>
    public required int Version { get; init; }

    /// <summary>"open" or "closed" (after a quiet period).</summary>
    public required string State { get; init; }

    public required string Title { get; init; }

    public required int Score { get; init; }

    /// <summary>The device the incident is about (asset id).</summary>
    public required string Device { get; init; }

    public required IReadOnlyList<string> RelatedDevices { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The models that fired, in the order they first fired.</summary>
    public required IReadOnlyList<ModelHit> Models { get; init; }

    public required IReadOnlyList<string> Tactics { get; init; }

    public required IReadOnlyList<AttackTechnique> Techniques { get; init; }

    public required string Narrative { get; init; }
}
