using System.Text.Json.Serialization;
using Edge.Contracts.Assets;

namespace Edge.Contracts.Serialization;

/// <summary>Source-generated JSON for every wire record (camelCase, nulls omitted), AOT- and trim-safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(AssetRecord))]
public sealed partial class EdgeJsonContext : JsonSerializerContext
{
}
