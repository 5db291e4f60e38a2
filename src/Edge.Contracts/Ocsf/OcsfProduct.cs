namespace Edge.Contracts.Ocsf;

/// <summary>OCSF <c>product</c>: the reporting product.</summary>
public sealed record OcsfProduct
{
    public string Name { get; init; } = OcsfConstants.ProductName;

    public string VendorName { get; init; } = OcsfConstants.VendorName;

    public string? Version { get; init; }
}
