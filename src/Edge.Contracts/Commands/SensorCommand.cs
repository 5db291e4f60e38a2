namespace Edge.Contracts.Commands;

/// <summary>
/// A command from the collector to one sensor, published with QoS 1 (not retained) on
/// <c>edge-cmd/v1/&lt;site&gt;/&lt;sensor&gt;</c> (<see cref="CommandTopics"/>); the sensor's persistent session keeps
/// it while the sensor is away. Today one type: <see cref="Acknowledge"/>, an incident acknowledged on the dashboard
/// or through the API, so the sensor's alarm relay and ALARM light go quiet.
/// </summary>
public sealed record SensorCommand
{
    public const string Acknowledge = "acknowledge";

    /// <summary>Longest id, incident id or name accepted in a command.</summary>
    public const int MaxText = 200;

    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    public required string Type { get; init; }

    /// <summary>Unique per command (the sensor logs it; a redelivered command is harmless).</summary>
    public required string CommandId { get; init; }

    public required string IncidentId { get; init; }

    /// <summary>Who asked (the dashboard user or API token's user).</summary>
    public required string By { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Checks what a sensor must not trust blindly; false with the reason.</summary>
    public bool IsValid(out string reason)
    {
        reason = SchemaVersion != SchemaInfo.Version ? $"schema version {SchemaVersion}, expected {SchemaInfo.Version}"
            : Type != Acknowledge ? $"unknown command type '{Type}'"
            : Bad(CommandId) ? "commandId missing or too long"
            : Bad(IncidentId) ? "incidentId missing or too long"
            : Bad(By) ? "by missing or too long"
            : string.Empty;
        return reason.Length == 0;
    }

    private static bool Bad(string? text) => string.IsNullOrEmpty(text) || text.Length > MaxText;
}
