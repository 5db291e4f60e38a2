using System.Text.Json.Serialization;
using Collector.Ingest;

namespace Collector.Hosting;

/// <summary>Source-generated JSON for the collector's own HTTP answers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IngestStatus))]
public sealed partial class CollectorJsonContext : JsonSerializerContext
{
}
