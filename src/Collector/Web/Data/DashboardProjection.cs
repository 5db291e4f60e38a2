using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Collector.Storage;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Serialization;

namespace Collector.Web.Data;

/// <summary>
/// Keeps the dashboard's tables (<see cref="DashboardSchema"/>) in step with ingest, inside the writer's transaction,
/// for each message stored for the first time: the asset index and the asset's changes (new device, firmware, operating
/// state, role, identity; ICS commands from anomalies), the incident's workflow row, anomaly reports per device, and
/// sensor health from metrics. One instance per connection; its commands are prepared once and re-enlisted.
/// </summary>
internal sealed class DashboardProjection : IProjectionWriter
{
    /// <summary>How long the health samples (one per metrics message) are kept for the Sensors page.</summary>
    public const int HealthRetentionDays = 7;

    /// <summary>Models whose anomalies are ICS commands or engineering actions worth a line in the device's event log.</summary>
    private static readonly HashSet<string> CommandModels = ["new-action-commands", "uncommon-ics-reprogram", "discover-commands", "unusual-ics-connectivity"];

    private readonly DbConnection _connection;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private DbTransaction? _transaction;

    public DashboardProjection(DbConnection connection) => _connection = connection;

    /// <summary>What the store needs to create and keep the dashboard's tables.</summary>
    public static IStoreProjection Definition { get; } = new DefinitionImpl();

    public void Apply(DbTransaction transaction, StoredMessage m)
    {
        _transaction = transaction;
        switch (m.Record)
        {
            case AssetRecord asset:
                Asset(m, asset);
                break;
            case BreachSummaryRecord incident:
                Incident(m, incident);
                break;
            case AnomalyRecord anomaly:
                Anomaly(m, anomaly);
                break;
            case SensorMetricsRecord metrics:
                Metrics(m, metrics);
                break;
            case SensorStatusRecord:
                Skew(m);
                break;
        }
    }

    public void Dispose()
    {
        foreach (DbCommand command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private void Asset(StoredMessage m, AssetRecord a)
    {
        string? firmware = a.Identity?.FirmwareVersion;
        string? state = a.Identity?.OperatingState;
        string? model = a.Identity?.OrderNumber ?? a.Identity?.ProductName ?? a.Identity?.ModuleType;
        string? ip = a.IpAddresses.Count > 0 ? a.IpAddresses[0] : null;
        long lastSeen = Ms(a.LastSeen);

        (string? Firmware, string? State, string Role, string? Model, long LastSeen)? before = null;
        using (DbDataReader r = Reader("SELECT firmware, operating_state, role, model, last_seen FROM asset_index WHERE sensor = @s AND asset_id = @a",
                   ("@s", m.Sensor), ("@a", a.AssetId)))
        {
            if (r.Read())
            {
                before = (Str(r, 0), Str(r, 1), r.GetString(2), Str(r, 3), r.GetInt64(4));
            }
        }

        if (before is { } b && lastSeen < b.LastSeen)
        {
            return; // an older record arriving late: the index keeps the newer one
        }

        if (before is null)
        {
            Change(m.Sensor, a.AssetId, Ms(a.FirstSeen), a.IsNew ? "new device" : "discovered", null, $"{a.Role.Role} {ip}".Trim(), m.MessageId);
        }
        else
        {
            (string? oldFirmware, string? oldState, string oldRole, string? oldModel, _) = before.Value;
            if (firmware is not null && oldFirmware is not null && firmware != oldFirmware)
            {
                Change(m.Sensor, a.AssetId, lastSeen, "firmware changed", oldFirmware, firmware, m.MessageId);
            }

            if (state is not null && !string.Equals(state, oldState, StringComparison.OrdinalIgnoreCase))
            {
                // The sensor reports S7 modes as the PLC names them (STOP, RUN, STARTUP, ...).
                string kind = state.Equals("stop", StringComparison.OrdinalIgnoreCase) ? "PLC stopped"
                    : state.Equals("run", StringComparison.OrdinalIgnoreCase) && oldState is not null ? "PLC started"
                    : "operating state";
                Change(m.Sensor, a.AssetId, Ms(a.Identity?.OperatingStateSince ?? a.LastSeen), kind, oldState, state, m.MessageId);
            }

            if (a.Role.Role != oldRole)
            {
                Change(m.Sensor, a.AssetId, lastSeen, "role changed", oldRole, a.Role.Role, m.MessageId);
            }

            if (model is not null && oldModel is not null && model != oldModel)
            {
                Change(m.Sensor, a.AssetId, lastSeen, "identity changed", oldModel, model, m.MessageId);
            }
        }

        string? vendor = a.Identity?.Vendor ?? a.MacVendor;
        string? name = a.Identity?.PlcName ?? a.Identity?.ModuleName;
        string? mac = a.MacAddresses.Count > 0 ? a.MacAddresses[0] : null;
        string search = string.Join(' ', new[] { a.AssetId, string.Join(' ', a.IpAddresses), string.Join(' ', a.MacAddresses), vendor, model, firmware, name, a.Role.Role, a.Zone.Name }
            .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
        Execute("""
            INSERT INTO asset_index (sensor, asset_id, message_id, ip, ip_sort, mac, vendor, model, firmware, name, operating_state, role,
                role_confidence, zone, purdue_level, domain, peer_count, first_seen, last_seen, discovered_at, search)
            VALUES (@s, @a, @id, @ip, @ipsort, @mac, @vendor, @model, @firmware, @name, @state, @role, @confidence, @zone, @level, @domain,
                @peers, @first, @last, @received, @search)
            ON CONFLICT (sensor, asset_id) DO UPDATE SET message_id = excluded.message_id, ip = excluded.ip, ip_sort = excluded.ip_sort,
                mac = excluded.mac, vendor = excluded.vendor, model = excluded.model, firmware = excluded.firmware, name = excluded.name,
                operating_state = excluded.operating_state, role = excluded.role, role_confidence = excluded.role_confidence,
                zone = excluded.zone, purdue_level = excluded.purdue_level, domain = excluded.domain, peer_count = excluded.peer_count,
                first_seen = excluded.first_seen, last_seen = excluded.last_seen, search = excluded.search
            """,
            ("@s", m.Sensor), ("@a", a.AssetId), ("@id", m.MessageId), ("@ip", ip), ("@ipsort", IpSort(ip ?? a.AssetId)), ("@mac", mac),
            ("@vendor", vendor), ("@model", model), ("@firmware", firmware), ("@name", name), ("@state", state), ("@role", a.Role.Role),
            ("@confidence", a.Role.Confidence), ("@zone", a.Zone.Name), ("@level", a.Zone.PurdueLevel), ("@domain", a.Zone.Domain),
            ("@peers", a.Peers.Count), ("@first", Ms(a.FirstSeen)), ("@last", lastSeen), ("@received", Ms(m.ReceivedAt)), ("@search", search));

        Execute("DELETE FROM asset_peers WHERE sensor = @s AND asset_id = @a", ("@s", m.Sensor), ("@a", a.AssetId));
        foreach (PeerSummary p in a.Peers)
        {
            Execute("""
                INSERT INTO asset_peers (sensor, asset_id, peer, protocol, server_port, direction, packets)
                VALUES (@s, @a, @peer, @protocol, @port, @direction, @packets)
                ON CONFLICT (sensor, asset_id, peer, protocol, server_port, direction) DO UPDATE SET packets = excluded.packets
                """, ("@s", m.Sensor), ("@a", a.AssetId), ("@peer", p.Peer), ("@protocol", p.Protocol), ("@port", p.ServerPort),
                ("@direction", p.Direction), ("@packets", p.Packets));
        }
    }

    private void Incident(StoredMessage m, BreachSummaryRecord i)
    {
        string models = string.Join(',', i.Models.Select(h => h.Model));
        string search = string.Join(' ', [i.Device, i.Title, i.IncidentId, models, string.Join(' ', i.Techniques.Select(t => t.Id))]).ToLowerInvariant();
        (string Workflow, int Version, int Score, string Models)? before = null;
        using (DbDataReader r = Reader("SELECT workflow, version, score, models FROM incident_workflow WHERE sensor = @s AND incident_id = @i",
                   ("@s", m.Sensor), ("@i", i.IncidentId)))
        {
            if (r.Read())
            {
                before = (r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), r.GetString(3));
            }
        }

        Execute("""
            INSERT INTO incident_workflow (sensor, incident_id, workflow, assignee, models, search, version, score, created_at)
            VALUES (@s, @i, 'new', NULL, @models, @search, @v, @score, @received)
            ON CONFLICT (sensor, incident_id) DO UPDATE SET models = excluded.models, search = excluded.search,
                version = excluded.version, score = excluded.score
            WHERE excluded.version > incident_workflow.version
            """, ("@s", m.Sensor), ("@i", i.IncidentId), ("@models", models), ("@search", search), ("@v", i.Version), ("@score", i.Score),
            ("@received", Ms(m.ReceivedAt)));

        // An incident the analysts closed comes back when the sensor sees it grow: a higher score or a model not seen
        // before. The reopening is a step in its history, by "sensor".
        if (before is { Workflow: Workflow.Closed } b && i.Version > b.Version)
        {
            string[] added = [.. i.Models.Select(h => h.Model).Except(b.Models.Split(',', StringSplitOptions.RemoveEmptyEntries))];
            if (i.Score > b.Score || added.Length > 0)
            {
                Execute("UPDATE incident_workflow SET workflow = 'new' WHERE sensor = @s AND incident_id = @i", ("@s", m.Sensor), ("@i", i.IncidentId));
                string why = i.Score > b.Score ? $"score {b.Score} -> {i.Score}" : string.Empty;
                why = string.Join("; ", new[] { why, added.Length > 0 ? "new models: " + string.Join(", ", added) : string.Empty }.Where(w => w.Length > 0));
                Execute("""
                    INSERT INTO incident_actions (sensor, incident_id, at, user_name, action, assignee, comment)
                    VALUES (@s, @i, @at, 'sensor', 'reopen', NULL, @comment)
                    """, ("@s", m.Sensor), ("@i", i.IncidentId), ("@at", Ms(m.ReceivedAt)), ("@comment", $"new activity after it was closed (version {i.Version}: {why})"));
            }
        }
    }

    private void Anomaly(StoredMessage m, AnomalyRecord a)
    {
        Execute("""
            INSERT INTO anomaly_reports (message_id, sensor, device, at, score) VALUES (@id, @s, @d, @at, @score)
            ON CONFLICT (message_id) DO NOTHING
            """, ("@id", m.MessageId), ("@s", m.Sensor), ("@d", a.Device), ("@at", Ms(a.LastSeen)), ("@score", a.Score));
        if (!CommandModels.Contains(a.Model))
        {
            return;
        }

        string evidence = string.Join("; ", a.Evidence.Select(e => $"{e.Name}: {e.Value}"));
        Change(m.Sensor, a.Device, Ms(a.FirstSeen), a.Title, a.Peers.Count == 0 ? null : "to " + string.Join(", ", a.Peers), evidence, a.AnomalyId);
        foreach (string peer in a.Peers)
        {
            Change(m.Sensor, peer, Ms(a.FirstSeen), a.Title, "from " + a.Device, evidence, a.AnomalyId);
        }
    }

    private void Metrics(StoredMessage m, SensorMetricsRecord r)
    {
        // The rate is the frame count's change since the previous metrics record (SET reads the row's old values).
        Execute("""
            INSERT INTO sensor_health (sensor, metrics_at, frames, frames_per_second, drops, outbox_depth, clock_skew_ms)
            VALUES (@s, @at, @frames, NULL, @drops, @depth, @skew)
            ON CONFLICT (sensor) DO UPDATE SET
                frames_per_second = CASE WHEN sensor_health.metrics_at IS NOT NULL AND excluded.metrics_at > sensor_health.metrics_at
                                          AND excluded.frames >= sensor_health.frames
                                     THEN (excluded.frames - sensor_health.frames) * 1000.0 / (excluded.metrics_at - sensor_health.metrics_at)
                                     ELSE sensor_health.frames_per_second END,
                metrics_at = excluded.metrics_at, frames = excluded.frames, drops = excluded.drops,
                outbox_depth = excluded.outbox_depth, clock_skew_ms = excluded.clock_skew_ms
            WHERE sensor_health.metrics_at IS NULL OR excluded.metrics_at > sensor_health.metrics_at
            """, ("@s", m.Sensor), ("@at", Ms(r.Time)), ("@frames", r.Frames), ("@drops", r.Drops), ("@depth", r.Outbox.Depth),
            ("@skew", Ms(m.ReceivedAt) - Ms(m.SentAt)));
        HealthSample(m, r);
    }

    /// <summary>The metrics' health as a row of its own (the history), and samples past the retention dropped.</summary>
    private void HealthSample(StoredMessage m, SensorMetricsRecord r)
    {
        SensorHealth? h = r.Health;
        IReadOnlyList<HealthAlert>? alerts = h?.Alerts;
        Execute("""
            INSERT INTO sensor_health_samples (message_id, sensor, at, started_at, frames, outbox_depth, cpu_percent, memory_bytes,
                memory_limit_bytes, temperature_c, disk_free_bytes, disk_total_bytes, capture_received, kernel_dropped,
                interface_dropped, dropped_by_sensor, uptime_seconds, alerts, alert_count)
            VALUES (@id, @s, @at, @started, @frames, @depth, @cpu, @memory, @limit, @temperature, @free, @total, @received,
                @kernel, @interface, @ours, @uptime, @alerts, @alertCount)
            ON CONFLICT (message_id) DO NOTHING
            """, ("@id", m.MessageId), ("@s", m.Sensor), ("@at", Ms(r.Time)), ("@started", Ms(r.StartedAt)), ("@frames", r.Frames),
            ("@depth", r.Outbox.Depth), ("@cpu", h?.CpuPercent), ("@memory", h?.MemoryBytes), ("@limit", h?.MemoryLimitBytes),
            ("@temperature", h?.TemperatureCelsius), ("@free", h?.DiskFreeBytes), ("@total", h?.DiskTotalBytes),
            ("@received", h?.Capture?.Received), ("@kernel", h?.Capture?.KernelDropped), ("@interface", h?.Capture?.InterfaceDropped),
            ("@ours", h?.Capture?.DroppedBySensor), ("@uptime", h?.UptimeSeconds),
            ("@alerts", h is null ? null : JsonSerializer.Serialize(alerts ?? [], EdgeJsonContext.Default.IReadOnlyListHealthAlert)),
            ("@alertCount", alerts?.Count ?? 0));
        Execute("DELETE FROM sensor_health_samples WHERE sensor = @s AND at < @cutoff",
            ("@s", m.Sensor), ("@cutoff", Ms(r.Time.AddDays(-HealthRetentionDays))));
    }

    private void Skew(StoredMessage m) =>
        Execute("""
            INSERT INTO sensor_health (sensor, clock_skew_ms) VALUES (@s, @skew)
            ON CONFLICT (sensor) DO UPDATE SET clock_skew_ms = excluded.clock_skew_ms
            """, ("@s", m.Sensor), ("@skew", Ms(m.ReceivedAt) - Ms(m.SentAt)));

    private void Change(string sensor, string assetId, long at, string kind, string? before, string? after, string reference) =>
        Execute("""
            INSERT INTO asset_changes (sensor, asset_id, at, kind, before_value, after_value, ref)
            VALUES (@s, @a, @at, @kind, @before, @after, @ref)
            ON CONFLICT (sensor, asset_id, kind, ref) DO NOTHING
            """, ("@s", sensor), ("@a", assetId), ("@at", at), ("@kind", kind), ("@before", before), ("@after", after), ("@ref", reference));

    /// <summary>Zero-padded dotted quad (<c>010.000.000.005</c>) so IPv4 addresses sort numerically as text.</summary>
    internal static string IpSort(string address) =>
        IPAddress.TryParse(address, out IPAddress? ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? string.Join('.', ip.GetAddressBytes().Select(b => b.ToString("D3", CultureInfo.InvariantCulture)))
            : address;

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand command = Prepared(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private DbDataReader Reader(string sql, params (string Name, object? Value)[] parameters) => Prepared(sql, parameters).ExecuteReader();

    private DbCommand Prepared(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out DbCommand? command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach ((string name, _) in parameters)
            {
                DbParameter p = command.CreateParameter();
                p.ParameterName = name;
                command.Parameters.Add(p);
            }

            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        return command;
    }

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private sealed class DefinitionImpl : IStoreProjection
    {
        public string Schema(StoreDialect dialect) => DashboardSchema.Create(dialect);

        public IProjectionWriter Attach(DbConnection connection) => new DashboardProjection(connection);
    }
}
