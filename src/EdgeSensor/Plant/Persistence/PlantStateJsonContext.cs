using System.Text.Json.Serialization;
using Edge.Contracts.Assets;

namespace EdgeSensor.Plant.Persistence;

/// <summary>Source-generated JSON for the string-valued part of the saved plant state (device identities).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<int, DeviceIdentity>))]
internal sealed partial class PlantStateJsonContext : JsonSerializerContext
{
}
