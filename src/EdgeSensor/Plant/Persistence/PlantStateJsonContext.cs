using System.Text.Json.Serialization;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant.Persistence;

/// <summary>Source-generated JSON for the string-valued part of the saved plant state (device identities).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<int, DeviceProfile>))]
internal sealed partial class PlantStateJsonContext : JsonSerializerContext
{
}
