namespace Edge.Contracts.Ocsf;

/// <summary>OCSF <c>resource_details</c>: a device involved in the finding, by its Edge asset id.</summary>
public sealed record OcsfResource
{
    public required string Uid { get; init; }

    public string Type { get; init; } = OcsfConstants.DeviceResourceType;
}
