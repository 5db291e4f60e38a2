using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Collector.Storage;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Serialization;

using static Collector.Web.Data.DashboardSql;

namespace Collector.Web.Data;

/// <summary>
/// <see cref="IDashboardQueries"/> in portable SQL over the collector's own database (SQLite or PostgreSQL, through the
/// store's dialect): every filter and sort uses a column the ingest writer fills, so no query depends on a database's
/// JSON functions; full records are read from the stored payloads with the contract's source-generated JSON. One
/// connection per call (SQLite: a WAL reader beside the ingest writer; PostgreSQL: Npgsql's pool).
/// </summary>
internal sealed class SqlDashboardQueries(StoreDialect dialect) : IDashboardQueries
{
    private const int RecentChanges = 15;
    private const int TopDevices = 10;
    private const int TrendDays = 14;
    private static readonly TimeSpan MaxActivityWindow = TimeSpan.FromHours(12);

    public OverviewData Overview(DateTimeOffset now)
    {
        using DbConnection c = Open();
        long dayMs = 86_400_000;
        long since24h = ToMs(now.AddHours(-24));
        long trendFrom = (ToMs(now) / dayMs - (TrendDays - 1)) * dayMs;

        var byRole = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (DbDataReader r in Rows(c, "SELECT role, count(*) FROM asset_index GROUP BY role"))
        {
            byRole[r.GetString(0)] = r.GetInt64(1);
        }

        var bySeverity = Severity.All.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        foreach (DbDataReader r in Rows(c, """
            SELECT CASE WHEN i.score >= 80 THEN 'critical' WHEN i.score >= 60 THEN 'high' WHEN i.score >= 30 THEN 'medium' ELSE 'low' END,
                   count(*)
            FROM incidents i JOIN incident_workflow w ON w.sensor = i.sensor AND w.incident_id = i.incident_id
            WHERE w.workflow <> 'closed' GROUP BY 1
            """))
        {
            bySeverity[r.GetString(0)] = r.GetInt64(1);
        }

        long online = 0, offline = 0, learning = 0, protecting = 0;
        foreach (DbDataReader r in Rows(c, "SELECT state, phase, count(*) FROM sensors GROUP BY state, phase"))
        {
            long n = r.GetInt64(2);
            string? state = r.IsDBNull(0) ? null : r.GetString(0);
            string? phase = r.IsDBNull(1) ? null : r.GetString(1);
            if (state == SensorStates.Online)
            {
                online += n;
                learning += phase == "learning" ? n : 0;
                protecting += phase == "protecting" ? n : 0;
            }
            else
            {
                offline += n;
            }
        }

        var risky = new List<RiskyDevice>();
        foreach (DbDataReader r in Rows(c, $"""
            SELECT i.sensor, i.device, max(i.score), count(*)
            FROM incidents i JOIN incident_workflow w ON w.sensor = i.sensor AND w.incident_id = i.incident_id
            WHERE w.workflow <> 'closed' GROUP BY i.sensor, i.device ORDER BY 3 DESC, 4 DESC, 2 LIMIT {TopDevices}
            """))
        {
            risky.Add(new RiskyDevice(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), r.GetInt64(3)));
        }

        List<AssetChange> changes = ReadChanges(c, $"SELECT at, sensor, asset_id, kind, before_value, after_value FROM asset_changes WHERE kind <> 'discovered' ORDER BY at DESC, id DESC LIMIT {RecentChanges}");

        return new OverviewData(
            Count(c, "SELECT count(*) FROM asset_index"),
            Count(c, "SELECT count(*) FROM asset_index WHERE discovered_at >= @since", ("@since", since24h)),
            byRole,
            bySeverity.Values.Sum(),
            bySeverity,
            online, offline, learning, protecting,
            risky,
            changes,
            Days(c, "SELECT discovered_at / 86400000, count(*) FROM asset_index WHERE discovered_at >= @from GROUP BY 1", trendFrom),
            Days(c, "SELECT created_at / 86400000, count(*) FROM incident_workflow WHERE created_at >= @from GROUP BY 1", trendFrom));
    }

    public Paged<AssetRow> Assets(string? search, AssetSort sort, bool descending, int page, int pageSize)
    {
        using DbConnection c = Open();
        string where = string.IsNullOrWhiteSpace(search) ? string.Empty : "WHERE search LIKE @q ESCAPE '\\'";
        string order = sort switch
        {
            AssetSort.Ip => "ip_sort",
            AssetSort.Vendor => "vendor",
            AssetSort.Model => "model",
            AssetSort.Firmware => "firmware",
            AssetSort.Role => "role",
            AssetSort.Zone => "zone",
            AssetSort.FirstSeen => "first_seen",
            _ => "last_seen",
        } + (descending ? " DESC" : " ASC");
        (string, object)[] p = string.IsNullOrWhiteSpace(search) ? [] : [("@q", Like(search))];
        long total = Count(c, $"SELECT count(*) FROM asset_index {where}", p);
        var items = new List<AssetRow>();
        foreach (DbDataReader r in Rows(c, $"""
            SELECT sensor, asset_id, ip, mac, vendor, model, firmware, name, role, role_confidence, zone, purdue_level, domain, first_seen, last_seen
            FROM asset_index {where} ORDER BY {order}, sensor, asset_id LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}
            """, p))
        {
            items.Add(new AssetRow(r.GetString(0), r.GetString(1), Str(r, 2), Str(r, 3), Str(r, 4), Str(r, 5), Str(r, 6), Str(r, 7),
                r.GetString(8), r.GetDouble(9), Str(r, 10), r.IsDBNull(11) ? null : Convert.ToInt32(r.GetValue(11), CultureInfo.InvariantCulture), Str(r, 12),
                FromMs(r.GetInt64(13)), FromMs(r.GetInt64(14))));
        }

        return new Paged<AssetRow>(items, page, pageSize, total);
    }

    public AssetRecord? Asset(string sensor, string assetId)
    {
        using DbConnection c = Open();
        string? payload = Text(c, "SELECT payload FROM assets WHERE sensor = @s AND asset_id = @a", ("@s", sensor), ("@a", assetId));
        return payload is null ? null : JsonSerializer.Deserialize(payload, EdgeJsonContext.Default.EdgeEnvelopeAssetRecord)?.Payload;
    }

    public IReadOnlyList<AssetChange> AssetChanges(string sensor, string assetId, int limit)
    {
        using DbConnection c = Open();
        return ReadChanges(c, $"""
            SELECT at, sensor, asset_id, kind, before_value, after_value FROM asset_changes
            WHERE sensor = @s AND asset_id = @a ORDER BY at DESC, id DESC LIMIT {limit}
            """, ("@s", sensor), ("@a", assetId));
    }

    public Paged<IncidentRow> Incidents(string? workflow, int minScore, string? search, int page, int pageSize)
    {
        using DbConnection c = Open();
        var conditions = new List<string> { "i.score >= @min" };
        var p = new List<(string, object)> { ("@min", minScore) };
        switch (workflow)
        {
            case "all":
                break;
            case Workflow.New or Workflow.Acknowledged or Workflow.Closed:
                conditions.Add("w.workflow = @wf");
                p.Add(("@wf", workflow));
                break;
            default:
                conditions.Add("w.workflow <> 'closed'");
                break;
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            conditions.Add("w.search LIKE @q ESCAPE '\\'");
            p.Add(("@q", Like(search)));
        }

        string where = "WHERE " + string.Join(" AND ", conditions);
        long total = Count(c, $"SELECT count(*) FROM {IncidentTables} {where}", [.. p]);
        var items = new List<IncidentRow>();
        foreach (DbDataReader r in Rows(c, $"""
            SELECT {IncidentColumns} FROM {IncidentTables} {where}
            ORDER BY i.score DESC, i.last_seen DESC, i.sensor, i.incident_id LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}
            """, [.. p]))
        {
            items.Add(ReadIncident(r));
        }

        return new Paged<IncidentRow>(items, page, pageSize, total);
    }

    public BreachSummaryRecord? Incident(string sensor, string incidentId)
    {
        using DbConnection c = Open();
        string? payload = Text(c, "SELECT payload FROM incidents WHERE sensor = @s AND incident_id = @i", ("@s", sensor), ("@i", incidentId));
        return payload is null ? null : JsonSerializer.Deserialize(payload, EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord)?.Payload;
    }

    public IncidentRow? IncidentRow(string sensor, string incidentId)
    {
        using DbConnection c = Open();
        foreach (DbDataReader r in Rows(c, $"SELECT {IncidentColumns} FROM {IncidentTables} WHERE i.sensor = @s AND i.incident_id = @i", ("@s", sensor), ("@i", incidentId)))
        {
            return ReadIncident(r);
        }

        return null;
    }

    public IReadOnlyList<IncidentVersionRow> IncidentVersions(string sensor, string incidentId)
    {
        using DbConnection c = Open();
        var result = new List<IncidentVersionRow>();
        foreach (DbDataReader r in Rows(c, """
            SELECT v.version, v.state, v.score, m.received_at, v.message_id FROM incident_versions v
            JOIN messages m ON m.message_id = v.message_id
            WHERE v.sensor = @s AND v.incident_id = @i ORDER BY v.version
            """, ("@s", sensor), ("@i", incidentId)))
        {
            result.Add(new IncidentVersionRow(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1),
                Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), FromMs(r.GetInt64(3)), r.GetString(4)));
        }

        return result;
    }

    public IReadOnlyList<IncidentAction> IncidentHistory(string sensor, string incidentId)
    {
        using DbConnection c = Open();
        var result = new List<IncidentAction>();
        foreach (DbDataReader r in Rows(c, """
            SELECT at, user_name, action, assignee, comment FROM incident_actions
            WHERE sensor = @s AND incident_id = @i ORDER BY at, id
            """, ("@s", sensor), ("@i", incidentId)))
        {
            result.Add(new IncidentAction(FromMs(r.GetInt64(0)), r.GetString(1), r.GetString(2), Str(r, 3), Str(r, 4)));
        }

        return result;
    }

    public string? SensorSite(string sensor)
    {
        using DbConnection c = Open();
        return Text(c, "SELECT site FROM sensors WHERE sensor = @sensor", ("@sensor", sensor));
    }

    public IncidentActionResult ActOnIncident(string sensor, string incidentId, string user, string action, string? assignee, string? comment, DateTimeOffset at)
    {
        using DbConnection c = Open();
        using DbTransaction t = c.BeginTransaction();

        // Each change applies only from the states it makes sense in; assign and comment apply in any state.
        string? set = action switch
        {
            "acknowledge" => "workflow = 'acknowledged' WHERE workflow = 'new' AND",
            "close" => "workflow = 'closed' WHERE workflow <> 'closed' AND",
            "reopen" => "workflow = 'new' WHERE workflow = 'closed' AND",
            "assign" => "assignee = @assignee WHERE",
            _ => null,
        };
        if (Count(c, "SELECT count(*) FROM incident_workflow WHERE sensor = @s AND incident_id = @i", t, ("@s", sensor), ("@i", incidentId)) == 0)
        {
            return IncidentActionResult.NotFound;
        }

        if (set is not null && Execute(c, t, $"UPDATE incident_workflow SET {set} sensor = @s AND incident_id = @i",
                ("@s", sensor), ("@i", incidentId), ("@assignee", (object?)assignee ?? DBNull.Value)) == 0)
        {
            return IncidentActionResult.NotApplicable;
        }

        Execute(c, t, """
            INSERT INTO incident_actions (sensor, incident_id, at, user_name, action, assignee, comment)
            VALUES (@s, @i, @at, @user, @action, @assignee, @comment)
            """, ("@s", sensor), ("@i", incidentId), ("@at", ToMs(at)), ("@user", user), ("@action", action),
            ("@assignee", (object?)assignee ?? DBNull.Value), ("@comment", (object?)comment ?? DBNull.Value));
        t.Commit();
        return IncidentActionResult.Done;
    }

    public Paged<AnomalyRow> Anomalies(string? sensor, string? device, int page, int pageSize)
    {
        using DbConnection c = Open();
        var conditions = new List<string>();
        var p = new List<(string, object)>();
        if (!string.IsNullOrEmpty(sensor))
        {
            conditions.Add("sensor = @s");
            p.Add(("@s", sensor));
        }

        if (!string.IsNullOrEmpty(device))
        {
            conditions.Add("device = @d");
            p.Add(("@d", device));
        }

        string where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        long total = Count(c, $"SELECT count(*) FROM anomalies {where}", [.. p]);
        var items = new List<AnomalyRow>();
        foreach (DbDataReader r in Rows(c, $"""
            SELECT sensor, anomaly_id, model, score, device, incident_id, first_seen, last_seen FROM anomalies {where}
            ORDER BY last_seen DESC, sensor, anomaly_id LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}
            """, [.. p]))
        {
            items.Add(new AnomalyRow(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture),
                r.GetString(4), Str(r, 5), FromMs(r.GetInt64(6)), FromMs(r.GetInt64(7))));
        }

        return new Paged<AnomalyRow>(items, page, pageSize, total);
    }

    public IReadOnlyList<ActivityPoint> DeviceActivity(string sensor, string device, DateTimeOffset from, DateTimeOffset to)
    {
        using DbConnection c = Open();
        if (to - from > MaxActivityWindow)
        {
            from = to - MaxActivityWindow; // the chart shows minutes: keep it to a readable, bounded number of them
        }

        var perMinute = new SortedDictionary<long, (long Reports, int MaxScore)>();
        for (long m = ToMs(from) / 60_000; m <= ToMs(to) / 60_000; m++)
        {
            perMinute[m] = (0, 0);
        }

        // Binned by the anomaly's own time (capture time), not by when it was sent: a replayed capture keeps its clock.
        foreach (DbDataReader r in Rows(c, "SELECT at, score FROM anomaly_reports WHERE sensor = @s AND device = @d AND at >= @from AND at <= @to",
                     ("@s", sensor), ("@d", device), ("@from", ToMs(from)), ("@to", ToMs(to))))
        {
            long minute = r.GetInt64(0) / 60_000;
            (long reports, int max) = perMinute.GetValueOrDefault(minute);
            perMinute[minute] = (reports + 1, Math.Max(max, Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return [.. perMinute.Select(kv => new ActivityPoint(FromMs(kv.Key * 60_000), kv.Value.Reports, kv.Value.MaxScore))];
    }

    public IReadOnlyList<SensorRow> Sensors(DateTimeOffset now)
    {
        using DbConnection c = Open();
        var result = new List<SensorRow>();
        foreach (DbDataReader r in Rows(c, """
            SELECT s.sensor, s.site, s.state, s.bd_seq, s.phase, s.sensor_version, s.first_seen_at, s.last_message_at, s.status_at, s.status,
                   h.frames_per_second, h.drops, h.outbox_depth, h.clock_skew_ms
            FROM sensors s LEFT JOIN sensor_health h ON h.sensor = s.sensor ORDER BY s.site, s.sensor
            """))
        {
            SensorStatusRecord? status = Str(r, 9) is { } json
                ? JsonSerializer.Deserialize(json, EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord)?.Payload
                : null;
            result.Add(new SensorRow(r.GetString(0), r.GetString(1), Str(r, 2), r.IsDBNull(3) ? null : r.GetInt64(3), Str(r, 4), Str(r, 5),
                FromMs(r.GetInt64(6)), FromMs(r.GetInt64(7)), r.IsDBNull(8) ? null : FromMs(r.GetInt64(8)), status?.LearningProgress,
                r.IsDBNull(10) ? null : r.GetDouble(10), r.IsDBNull(11) ? null : r.GetInt64(11), r.IsDBNull(12) ? null : r.GetInt64(12),
                r.IsDBNull(13) ? null : r.GetInt64(13) / 1000.0,
                PreviousExit: status?.PreviousExit, ConfigVersion: status?.ConfigVersion, ConfigRefused: status?.ConfigRefused));
        }

        // A death carries no configuration version: an offline sensor's is the one its last birth or status reported.
        for (int i = 0; i < result.Count; i++)
        {
            if (result[i].State != SensorStates.Online && LastOnlineStatus(c, result[i].Sensor) is { } online)
            {
                result[i] = result[i] with { ConfigVersion = online.ConfigVersion, ConfigRefused = online.ConfigRefused };
            }
        }

        // The health of each sensor's newest metrics (the newest by the sensor's clock, as the rates are).
        var latest = new Dictionary<string, (DateTimeOffset At, SensorHealth? Health)>(StringComparer.Ordinal);
        foreach (DbDataReader r in Rows(c, $"""
            SELECT {HealthColumns}
            FROM sensor_health_samples x
            JOIN (SELECT sensor, max(at) AS at FROM sensor_health_samples GROUP BY sensor) n ON n.sensor = x.sensor AND n.at = x.at
            """))
        {
            latest.TryAdd(r.GetString(0), (FromMs(r.GetInt64(1)), ReadHealth(r)));
        }

        for (int i = 0; i < result.Count; i++)
        {
            if (latest.TryGetValue(result[i].Sensor, out var health))
            {
                result[i] = result[i] with { Health = health.Health, HealthAt = health.At };
            }
        }

        return result;
    }

    /// <summary>
    /// The newest online status of a sensor among its last few status messages (births and deaths alternate, so the
    /// newest online one is among them; a bounded read on the (sensor, kind, received_at) index).
    /// </summary>
    private static SensorStatusRecord? LastOnlineStatus(DbConnection c, string sensor)
    {
        foreach (DbDataReader r in Rows(c, "SELECT payload FROM messages WHERE sensor = @s AND kind = 'status' ORDER BY received_at DESC LIMIT 8", ("@s", sensor)))
        {
            try
            {
                if (JsonSerializer.Deserialize(r.GetString(0), EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord)?.Payload is { State: SensorStates.Online } status)
                {
                    return status;
                }
            }
            catch (JsonException)
            {
                // Stored as received and validated at ingest; a payload this reader cannot parse is skipped, not fatal to the page.
            }
        }

        return null;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<HealthPoint>> SensorHealthHistory(string? sensor, DateTimeOffset from, DateTimeOffset to, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        using DbConnection c = Open();
        var rows = new Dictionary<string, List<(long At, long StartedAt, long Frames, double? Cpu)>>(StringComparer.Ordinal);
        foreach (DbDataReader r in Rows(c, $"""
            SELECT sensor, at, started_at, frames, cpu_percent FROM sensor_health_samples
            WHERE at >= @from AND at <= @to {(sensor is null ? string.Empty : "AND sensor = @sensor")}
            ORDER BY sensor, at
            """, ("@from", ToMs(from)), ("@to", ToMs(to)), ("@sensor", sensor ?? string.Empty)))
        {
            string name = r.GetString(0);
            if (!rows.TryGetValue(name, out var list))
            {
                rows[name] = list = [];
            }

            list.Add((r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetDouble(4)));
        }

        var result = new Dictionary<string, IReadOnlyList<HealthPoint>>(StringComparer.Ordinal);
        foreach ((string name, var list) in rows)
        {
            // Thinned evenly (the newest kept); a rate spans from the previous kept point of the same run.
            int stride = (list.Count + maxPoints - 1) / maxPoints;
            var points = new List<HealthPoint>(Math.Min(list.Count, maxPoints + 1));
            (long At, long StartedAt, long Frames, double? Cpu)? previous = null;
            for (int i = 0; i < list.Count; i++)
            {
                if ((list.Count - 1 - i) % stride != 0)
                {
                    continue;
                }

                var p = list[i];
                double? rate = previous is { } q && q.StartedAt == p.StartedAt && p.At > q.At && p.Frames >= q.Frames
                    ? Math.Round((p.Frames - q.Frames) * 1000.0 / (p.At - q.At), 2)
                    : null;
                points.Add(new HealthPoint(FromMs(p.At), rate, p.Cpu));
                previous = p;
            }

            result[name] = points;
        }

        return result;
    }

    private const string HealthColumns = """
        x.sensor, x.at, x.cpu_percent, x.memory_bytes, x.memory_limit_bytes, x.temperature_c, x.disk_free_bytes, x.disk_total_bytes,
        x.capture_received, x.kernel_dropped, x.interface_dropped, x.dropped_by_sensor, x.uptime_seconds, x.alerts
        """;

    /// <summary>
    /// A <see cref="HealthColumns"/> row as the contract's record (alerts as the sensor sent them); null for metrics
    /// without health (their alerts column is NULL).
    /// </summary>
    private static SensorHealth? ReadHealth(DbDataReader r)
    {
        if (r.IsDBNull(13))
        {
            return null;
        }

        long? Long(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        double? Double(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        IReadOnlyList<HealthAlert> alerts;
        try
        {
            alerts = JsonSerializer.Deserialize(r.GetString(13), EdgeJsonContext.Default.IReadOnlyListHealthAlert) ?? [];
        }
        catch (JsonException)
        {
            alerts = [];
        }

        bool capture = !r.IsDBNull(8) || !r.IsDBNull(9) || !r.IsDBNull(10) || !r.IsDBNull(11);
        return new SensorHealth
        {
            CpuPercent = Double(2),
            MemoryBytes = Long(3),
            MemoryLimitBytes = Long(4),
            TemperatureCelsius = Double(5),
            DiskFreeBytes = Long(6),
            DiskTotalBytes = Long(7),
            Capture = capture ? new CaptureHealth { Received = Long(8), KernelDropped = Long(9), InterfaceDropped = Long(10), DroppedBySensor = Long(11) } : null,
            UptimeSeconds = Long(12),
            Alerts = alerts,
        };
    }

    public (IReadOnlyList<MapNode> Nodes, IReadOnlyList<MapEdge> Edges) Map(int maxNodes)
    {
        using DbConnection c = Open();

        // The busiest devices from the index table, their peers from asset_peers: columns only, no payload is parsed.
        string chosen = $"SELECT sensor, asset_id, peer_count, last_seen FROM asset_index ORDER BY peer_count DESC, last_seen DESC LIMIT {maxNodes}";
        var nodes = new Dictionary<string, MapNode>(StringComparer.Ordinal);
        foreach (DbDataReader r in Rows(c, $"""
            SELECT x.sensor, x.asset_id, x.name, x.role, x.zone, x.purdue_level, x.domain
            FROM ({chosen}) n JOIN asset_index x ON x.sensor = n.sensor AND x.asset_id = n.asset_id
            ORDER BY n.peer_count DESC, n.last_seen DESC
            """))
        {
            // Keyed by sensor and address: two sites may reuse the same addresses for different devices.
            (string sensor, string id, string? name) = (r.GetString(0), r.GetString(1), Str(r, 2));
            nodes[NodeKey(sensor, id)] = new MapNode(sensor, id, name is null ? id : $"{id} {name}", r.GetString(3), Str(r, 4),
                r.IsDBNull(5) ? null : Convert.ToInt32(r.GetValue(5), CultureInfo.InvariantCulture), Str(r, 6));
        }

        var edges = new List<MapEdge>();
        var seen = new HashSet<(string, string, string)>();
        foreach (DbDataReader r in Rows(c, $"""
            SELECT p.sensor, p.asset_id, p.peer, p.protocol, p.direction, p.packets
            FROM ({chosen}) n JOIN asset_peers p ON p.sensor = n.sensor AND p.asset_id = n.asset_id
            ORDER BY p.packets DESC
            """))
        {
            // One edge per relation, drawn from client to server, between devices of the same sensor.
            string sensor = r.GetString(0);
            (string asset, string peer, string protocol) = (NodeKey(sensor, r.GetString(1)), NodeKey(sensor, r.GetString(2)), r.GetString(3));
            (string client, string server) = r.GetString(4) == "server" ? (peer, asset) : (asset, peer);
            if (!nodes.TryGetValue(client, out MapNode? from) || !nodes.TryGetValue(server, out MapNode? to) || !seen.Add((client, server, protocol)))
            {
                continue;
            }

            edges.Add(new MapEdge(client, server, protocol, r.GetInt64(5), from.Domain == "it" && to.Domain == "ot"));
        }

        return ([.. nodes.Values], edges);
    }

    /// <summary>A map node's id: the sensor and the asset id (an address may be reused at another site).</summary>
    internal static string NodeKey(string sensor, string assetId) => sensor + "/" + assetId;

    private const string IncidentColumns =
        "i.sensor, i.incident_id, i.version, i.title, i.score, i.device, i.state, w.workflow, w.assignee, w.models, i.first_seen, i.last_seen";

    private const string IncidentTables = "incidents i JOIN incident_workflow w ON w.sensor = i.sensor AND w.incident_id = i.incident_id";

    private static IncidentRow ReadIncident(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), r.GetString(3),
        Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture), r.GetString(5), r.GetString(6), r.GetString(7), Str(r, 8),
        (Str(r, 9) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries), FromMs(r.GetInt64(10)), FromMs(r.GetInt64(11)));

    private static List<AssetChange> ReadChanges(DbConnection c, string sql, params (string, object)[] p)
    {
        var result = new List<AssetChange>();
        foreach (DbDataReader r in Rows(c, sql, p))
        {
            result.Add(new AssetChange(FromMs(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.GetString(3), Str(r, 4), Str(r, 5)));
        }

        return result;
    }

    private static List<DayCount> Days(DbConnection c, string sql, long fromMs)
    {
        var counts = new Dictionary<long, long>();
        foreach (DbDataReader r in Rows(c, sql, ("@from", fromMs)))
        {
            counts[Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture)] = r.GetInt64(1);
        }

        long first = fromMs / 86_400_000;
        return [.. Enumerable.Range(0, TrendDays).Select(i => new DayCount(
            DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds((first + i) * 86_400_000).UtcDateTime), counts.GetValueOrDefault(first + i)))];
    }

    /// <summary><c>%term%</c> for a lower-cased LIKE, with the pattern's own wildcards escaped.</summary>
    private static string Like(string search) =>
        "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private DbConnection Open() => DashboardSql.Open(dialect);

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long ToMs(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
