using System.Text.Json.Serialization;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;

namespace Edge.Contracts.Serialization;

/// <summary>Source-generated JSON for every wire record (camelCase, nulls omitted), AOT- and trim-safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(AssetRecord))]
[JsonSerializable(typeof(AnomalyRecord))]
[JsonSerializable(typeof(BreachSummaryRecord))]
public sealed partial class EdgeJsonContext : JsonSerializerContext
{
}
