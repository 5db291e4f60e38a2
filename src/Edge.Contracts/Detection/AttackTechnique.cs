namespace Edge.Contracts.Detection;

/// <summary>A MITRE ATT&amp;CK for ICS technique with its name and tactics.</summary>
public sealed record AttackTechnique(string Id, string Name, IReadOnlyList<string> Tactics);
