namespace Edge.Contracts.Ocsf;

/// <summary>OCSF <c>metadata</c>: schema version, product, and the ids that make each event unique and correlated.</summary>
public sealed record OcsfMetadata
{
    public string Version { get; init; } = OcsfConstants.SchemaVersion;

    public required OcsfProduct Product { get; init; }

    /// <summary>Unique per event: "&lt;incident id&gt;:&lt;incident version&gt;".</summary>
    public required string Uid { get; init; }

    /// <summary>The incident id, shared by every event about it.</summary>
    public required string CorrelationUid { get; init; }
}
