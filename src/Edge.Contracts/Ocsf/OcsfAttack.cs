namespace Edge.Contracts.Ocsf;

/// <summary>OCSF <c>attack</c>: a MITRE ATT&amp;CK (for ICS) technique with one of its tactics.</summary>
public sealed record OcsfAttack
{
    public required OcsfTechnique Technique { get; init; }

    public OcsfTactic? Tactic { get; init; }

    public string Version { get; init; } = OcsfConstants.AttackVersion;
}
