namespace Edge.Contracts.Ocsf;

/// <summary>OCSF <c>analytic</c>: one Edge detection model (uid = model id, name = its title).</summary>
public sealed record OcsfAnalytic
{
    public required string Uid { get; init; }

    public required string Name { get; init; }

    public int TypeId { get; init; } = OcsfConstants.AnalyticBehavioral;

    public string Type { get; init; } = "Behavioral";
}
