using System.Text.Json.Serialization;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Messaging;

namespace Edge.Contracts.Serialization;

/// <summary>Source-generated JSON for every wire record (camelCase, nulls omitted), AOT- and trim-safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(AssetRecord))]
[JsonSerializable(typeof(DeviceIdentity))]
[JsonSerializable(typeof(AnomalyRecord))]
[JsonSerializable(typeof(BreachSummaryRecord))]
[JsonSerializable(typeof(SensorStatusRecord))]
[JsonSerializable(typeof(SensorMetricsRecord))]
[JsonSerializable(typeof(IReadOnlyList<HealthAlert>))]
[JsonSerializable(typeof(EdgeEnvelope<AssetRecord>))]
[JsonSerializable(typeof(EdgeEnvelope<AnomalyRecord>))]
[JsonSerializable(typeof(EdgeEnvelope<BreachSummaryRecord>))]
[JsonSerializable(typeof(EdgeEnvelope<SensorStatusRecord>))]
[JsonSerializable(typeof(EdgeEnvelope<SensorMetricsRecord>))]
[JsonSerializable(typeof(Commands.SensorCommand))]
[JsonSerializable(typeof(Provisioning.ProvisioningRequest))]
[JsonSerializable(typeof(Provisioning.ProvisioningResponse))]
[JsonSerializable(typeof(Provisioning.SensorConfiguration))]
[JsonSerializable(typeof(Provisioning.ProvisioningBundle))]
public sealed partial class EdgeJsonContext : JsonSerializerContext
{
}
