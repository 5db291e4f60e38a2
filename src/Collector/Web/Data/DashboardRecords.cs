using Edge.Contracts.Lifecycle;

namespace Collector.Web.Data;

/// <summary>One page of a list: the rows, the page asked for, and the total count (for the pager).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A row of the asset table; every string but the ids came from packets.</summary>
public sealed record AssetRow(
    string Sensor, string AssetId, string? Ip, string? Mac, string? Vendor, string? Model, string? Firmware, string? Name,
    string Role, double RoleConfidence, string? Zone, int? PurdueLevel, string? Domain, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>A row of the incident list: the sensor's view (score, state) and the analysts' (workflow, assignee).</summary>
public sealed record IncidentRow(
    string Sensor, string IncidentId, int Version, string Title, int Score, string Device, string SensorState,
    string Workflow, string? Assignee, IReadOnlyList<string> Models, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>One step in an incident's history kept by the collector: acknowledge, assign, close, reopen, comment.</summary>
public sealed record IncidentAction(DateTimeOffset At, string User, string Action, string? Assignee, string? Comment);

/// <summary>A version of a breach summary as the sensor sent it.</summary>
public sealed record IncidentVersionRow(int Version, string State, int Score, DateTimeOffset ReceivedAt, string MessageId);

/// <summary>An anomaly (a model's finding on a device).</summary>
public sealed record AnomalyRow(
    string Sensor, string AnomalyId, string Model, int Score, string Device, string? IncidentId, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>One minute of a device's detection activity: anomaly reports (first findings and updates) and the top score.</summary>
public sealed record ActivityPoint(DateTimeOffset Minute, long Reports, int MaxScore);

/// <summary>
/// A sensor's health as the collector knows it: state from birth and death, rates from successive metrics, the
/// health the last metrics carried (<see cref="Health"/>, as of <see cref="HealthAt"/>; null from a sensor that does
/// not report it), how its previous run ended (from its birth; null when unknown), and the pushed configuration version
/// its last online status said it runs, with the last one it refused ("version N: reason"; null when none was).
/// </summary>
public sealed record SensorRow(
    string Sensor, string Site, string? State, long? BdSeq, string? Phase, string? Version, DateTimeOffset FirstSeen,
    DateTimeOffset LastMessageAt, DateTimeOffset? StatusAt, double? LearningProgress,
    double? FramesPerSecond, long? Drops, long? OutboxDepth, double? ClockSkewSeconds,
    SensorHealth? Health = null, DateTimeOffset? HealthAt = null, PreviousExit? PreviousExit = null,
    long? ConfigVersion = null, string? ConfigRefused = null);

/// <summary>One point of a sensor's health chart: capture rate since the previous point of the same run, and CPU.</summary>
public sealed record HealthPoint(DateTimeOffset At, double? FramesPerSecond, double? CpuPercent);

/// <summary>A change in the plant worth an engineer's attention, derived at ingest from successive asset records.</summary>
public sealed record AssetChange(DateTimeOffset At, string Sensor, string AssetId, string Kind, string? Before, string? After);

/// <summary>Counts for one day (trend charts).</summary>
public sealed record DayCount(DateOnly Day, long Count);

/// <summary>A device ranked by the worst open incident on it.</summary>
public sealed record RiskyDevice(string Sensor, string Device, int MaxScore, long OpenIncidents);

/// <summary>Everything on the overview page, in a handful of indexed queries.</summary>
public sealed record OverviewData(
    long Assets, long NewAssets24h, IReadOnlyDictionary<string, long> AssetsByRole,
    long OpenIncidents, IReadOnlyDictionary<string, long> OpenIncidentsBySeverity,
    long SensorsOnline, long SensorsOffline, long SensorsLearning, long SensorsProtecting,
    IReadOnlyList<RiskyDevice> TopRiskyDevices, IReadOnlyList<AssetChange> RecentChanges,
    IReadOnlyList<DayCount> AssetsDiscoveredByDay, IReadOnlyList<DayCount> IncidentsByDay);

/// <summary>Who talks to whom, for the network map.</summary>
public sealed record MapNode(string Sensor, string Id, string Label, string Role, string? Zone, int? PurdueLevel, string? Domain);

/// <summary>A relation between two map nodes, named by their keys (<c>sensor/assetId</c>).</summary>
public sealed record MapEdge(string Source, string Target, string Protocol, long Packets, bool ItToOt);

/// <summary>Severity buckets of the 0-100 score, as the pages and API name them.</summary>
public static class Severity
{
    public static string Of(int score) => score switch
    {
        >= 80 => "critical",
        >= 60 => "high",
        >= 30 => "medium",
        _ => "low",
    };

    public static IReadOnlyList<string> All { get; } = ["critical", "high", "medium", "low"];
}

/// <summary>The analysts' workflow states (independent of the sensor's open/closed).</summary>
public static class Workflow
{
    public const string New = "new";
    public const string Acknowledged = "acknowledged";
    public const string Closed = "closed";
}

/// <summary>What became of a workflow step.</summary>
public enum IncidentActionResult
{
    Done,
    NotFound,

    /// <summary>The step does not apply in the incident's state (acknowledging a closed one, reopening an open one).</summary>
    NotApplicable,
}
