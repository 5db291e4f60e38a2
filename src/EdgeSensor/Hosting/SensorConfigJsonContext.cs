using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeSensor.Hosting;

/// <summary>Source-generated, strict JSON for the sensor configuration (comments allowed, unknown keys refused).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SensorConfig))]
internal sealed partial class SensorConfigJsonContext : JsonSerializerContext
{
}
