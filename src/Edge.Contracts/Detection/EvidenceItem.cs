namespace Edge.Contracts.Detection;

/// <summary>One observation behind an anomaly ("peer", "10.220.0.30"; "failed connections", "12"). Values from packets are raw text: escape where shown.</summary>
public sealed record EvidenceItem(string Name, string Value);
