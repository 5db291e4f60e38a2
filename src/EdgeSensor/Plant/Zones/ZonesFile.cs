namespace EdgeSensor.Plant.Zones;

/// <summary>The zones file as JSON.</summary>
public sealed class ZonesFile
{
    public List<ZoneEntry>? Zones { get; set; }
}
