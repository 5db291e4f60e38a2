namespace Edge.Contracts.Detection;

/// <summary>
/// One detection model firing: what a device did that departs from the baseline (or needs none), how far (score),
/// and the MITRE ATT&amp;CK for ICS techniques it maps to. Published on <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/anomalies</c>.
/// </summary>
public sealed record AnomalyRecord
{
    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    public string Type { get; init; } = "anomaly";

    /// <summary>Unique per sensor: model, subject and time.</summary>
    public required string AnomalyId { get; init; }

    /// <summary>Model id, e.g. "new-device", "ot-scan" (see the sensor's Detection/README.md).</summary>
    public required string Model { get; init; }

    public required string Title { get; init; }

    /// <summary>0-100, scaled by how far the behaviour is from the baseline.</summary>
    public required int Score { get; init; }

    /// <summary>The device that did it (asset id).</summary>
    public required string Device { get; init; }

    /// <summary>Other devices involved (targets, servers).</summary>
    public required IReadOnlyList<string> Peers { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>ATT&amp;CK for ICS technique ids, e.g. "T0846".</summary>
    public required IReadOnlyList<string> Techniques { get; init; }

    public required IReadOnlyList<EvidenceItem> Evidence { get; init; }

    /// <summary>The incident (breach summary) this anomaly was stitched into.</summary>
    public string? IncidentId { get; init; }
}
