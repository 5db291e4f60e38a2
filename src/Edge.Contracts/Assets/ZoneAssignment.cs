namespace Edge.Contracts.Assets;

/// <summary>The zone a device is in: from the zones configuration, or inferred from behaviour (who speaks ICS protocols).</summary>
public sealed record ZoneAssignment
{
    public required string Name { get; init; }

    /// <summary>Purdue level (0-5) when configured or inferred; null when unknown.</summary>
    public int? PurdueLevel { get; init; }

    /// <summary>"config" or "inferred".</summary>
    public required string Source { get; init; }

    /// <summary>"ot" or "it".</summary>
    public required string Domain { get; init; }
}
