using System.Text.Json.Serialization;

namespace EdgeSensor.Plant.Zones;

/// <summary>Source-generated, strict JSON for the zones file (comments and trailing commas allowed, unknown keys refused).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ZonesFile))]
internal sealed partial class ZonesJsonContext : JsonSerializerContext
{
}
