namespace Edge.Contracts.Ocsf;

/// <summary>OCSF <c>technique</c>: e.g. uid "T0846", name "Remote System Discovery".</summary>
public sealed record OcsfTechnique(string Uid, string Name);
