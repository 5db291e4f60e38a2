namespace EdgeSensor.Plant.Zones;

/// <summary>A named zone: the subnets and VLAN ids it covers and its Purdue level.</summary>
public sealed record ZoneDefinition(string Name, int? PurdueLevel, IReadOnlyList<Subnet> Subnets, IReadOnlyList<int> Vlans)
{
    /// <summary>"ot" for Purdue levels 0-3, "it" for 4-5 (or as configured).</summary>
    public string Domain { get; init; } = PurdueLevel is >= 4 ? "it" : "ot";
}
