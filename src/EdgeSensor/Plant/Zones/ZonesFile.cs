using System.Text.Json.Serialization;

namespace EdgeSensor.Plant.Zones;

/// <summary>The zones file as JSON.</summary>
public sealed class ZonesFile
{
    public List<ZoneEntry>? Zones { get; set; }
}

/// <summary>One zone in the zones file.</summary>
public sealed class ZoneEntry
{
    public string Name { get; set; } = string.Empty;

    public int? PurdueLevel { get; set; }

    public string? Domain { get; set; }

    public List<string>? Subnets { get; set; }

    public List<int>? Vlans { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ZonesFile))]
internal sealed partial class ZonesJsonContext : JsonSerializerContext
{
}
