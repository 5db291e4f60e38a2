using System.Text.Json.Serialization;

namespace Edge.Contracts.Ocsf;

/// <summary>Source-generated JSON for the OCSF view: snake_case as the OCSF schema names its attributes, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(OcsfDetectionFinding))]
public sealed partial class OcsfJsonContext : JsonSerializerContext
{
}
