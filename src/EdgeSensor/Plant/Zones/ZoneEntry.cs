namespace EdgeSensor.Plant.Zones;

/// <summary>One zone in the zones file.</summary>
public sealed class ZoneEntry
{
    public string Name { get; set; } = string.Empty;

    public int? PurdueLevel { get; set; }

    public string? Domain { get; set; }

    public List<string>? Subnets { get; set; }

    public List<int>? Vlans { get; set; }
}
