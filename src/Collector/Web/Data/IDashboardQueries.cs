using Edge.Contracts.Assets;
using Edge.Contracts.Detection;

namespace Collector.Web.Data;

/// <summary>Sort orders the asset table offers (column names are never taken from the request).</summary>
public enum AssetSort
{
    LastSeen,
    Ip,
    Vendor,
    Model,
    Firmware,
    Role,
    Zone,
    FirstSeen,
}

/// <summary>What the dashboard pages and the API read, and the analysts' incident workflow they write.</summary>
public interface IDashboardQueries
{
    OverviewData Overview(DateTimeOffset now);

    Paged<AssetRow> Assets(string? search, AssetSort sort, bool descending, int page, int pageSize);

    AssetRecord? Asset(string sensor, string assetId);

    /// <summary>The asset's changes, anomalies and incidents, newest first (the device page's event log).</summary>
    IReadOnlyList<AssetChange> AssetChanges(string sensor, string assetId, int limit);

    Paged<IncidentRow> Incidents(string? workflow, int minScore, string? search, int page, int pageSize);

    BreachSummaryRecord? Incident(string sensor, string incidentId);

    IncidentRow? IncidentRow(string sensor, string incidentId);

    IReadOnlyList<IncidentVersionRow> IncidentVersions(string sensor, string incidentId);

    IReadOnlyList<IncidentAction> IncidentHistory(string sensor, string incidentId);

    /// <summary>
    /// Records a workflow step: acknowledge (from new), close (from new or acknowledged), reopen (from closed, back to
    /// new), assign and comment (any state).
    /// </summary>
    IncidentActionResult ActOnIncident(string sensor, string incidentId, string user, string action, string? assignee, string? comment, DateTimeOffset at);

    /// <summary>The site a sensor reports from (from its messages); null for a sensor never heard from.</summary>
    string? SensorSite(string sensor);

    Paged<AnomalyRow> Anomalies(string? sensor, string? device, int page, int pageSize);

    /// <summary>Per minute, the anomaly reports about one device and their highest score (the incident page's chart).</summary>
    IReadOnlyList<ActivityPoint> DeviceActivity(string sensor, string device, DateTimeOffset from, DateTimeOffset to);

    IReadOnlyList<SensorRow> Sensors(DateTimeOffset now);

    /// <summary>
    /// The health charts' points between <paramref name="from"/> and <paramref name="to"/> (the sensors' clocks), per
    /// sensor, oldest first; one sensor's or every sensor's; at most <paramref name="maxPoints"/> per sensor (thinned evenly).
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<HealthPoint>> SensorHealthHistory(string? sensor, DateTimeOffset from, DateTimeOffset to, int maxPoints);

    (IReadOnlyList<MapNode> Nodes, IReadOnlyList<MapEdge> Edges) Map(int maxNodes);
}
