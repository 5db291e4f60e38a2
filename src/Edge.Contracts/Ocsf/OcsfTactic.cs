namespace Edge.Contracts.Ocsf;

/// <summary>OCSF <c>tactic</c>: e.g. name "Discovery", uid "TA0102" (ATT&amp;CK for ICS), uid omitted when not known.</summary>
public sealed record OcsfTactic
{
    public required string Name { get; init; }

    public string? Uid { get; init; }
}
