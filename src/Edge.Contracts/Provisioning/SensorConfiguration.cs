using System.Text.Json;

namespace Edge.Contracts.Provisioning;

/// <summary>
/// What the collector decides for a sensor: its ids, learning period, zones, thresholds and where its broker is.
/// Sent with the approval, then as a new <see cref="Version"/> retained on <c>edge-cmd/v1/&lt;site&gt;/&lt;sensor&gt;/config</c>
/// (<see cref="Commands.CommandTopics.Config"/>). The sensor validates it, keeps it on disk and reports the version it
/// runs in its status; one it cannot use is refused with a reason and the previous one stays.
/// </summary>
public sealed record SensorConfiguration
{
    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    /// <summary>Increases by one with each change; the sensor ignores a version at or below the one it runs.</summary>
    public required long Version { get; init; }

    public required string Site { get; init; }

    public required string SensorId { get; init; }

    /// <summary>The learning period in capture time; null: the sensor's own default.</summary>
    public double? LearningSeconds { get; init; }

    /// <summary>The zones, in the zones file's format (<c>{ "zones": [ { "name", "purdueLevel", "subnets", "vlans" } ] }</c>); null: none.</summary>
    public JsonElement? Zones { get; init; }

    /// <summary>The lowest incident score that energises the alarm relay.</summary>
    public int? RelayThreshold { get; init; }

    /// <summary>Seconds without a frame on the tap before the sensor says so.</summary>
    public double? NoTrafficSeconds { get; init; }

    public double? MetricsIntervalSeconds { get; init; }

    /// <summary>The broker to report to; null: the endpoint the sensor was provisioned through.</summary>
    public string? BrokerHost { get; init; }

    public int? BrokerPort { get; init; }

    public string? ChangedBy { get; init; }

    public DateTimeOffset? ChangedAt { get; init; }
}
