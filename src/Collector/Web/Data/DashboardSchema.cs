using Collector.Storage;

namespace Collector.Web.Data;

/// <summary>
/// The dashboard's tables, beside the ingest tables (<see cref="EventSchema"/>) in the same database and created with
/// them. The <c>*_index</c> and health tables are projections the ingest writer keeps in the same transaction as the
/// message (<see cref="DashboardProjection"/>), so the pages filter and sort on plain indexed columns in portable SQL;
/// <c>incident_workflow</c>, <c>incident_actions</c>, <c>users</c> and <c>api_tokens</c> are written by people.
/// </summary>
internal static class DashboardSchema
{
    public static string Create(StoreDialect d) => $"""
        CREATE TABLE IF NOT EXISTS asset_index (
            sensor          TEXT    NOT NULL,
            asset_id        TEXT    NOT NULL,
            message_id      TEXT    NOT NULL,              -- the asset record these columns come from
            ip              TEXT,
            ip_sort         TEXT,                          -- zero-padded IPv4 so addresses sort numerically
            mac             TEXT,
            vendor          TEXT,
            model           TEXT,
            firmware        TEXT,
            name            TEXT,
            operating_state TEXT,
            role            TEXT    NOT NULL,
            role_confidence {d.DoubleType} NOT NULL,
            zone            TEXT,
            purdue_level    INTEGER,
            domain          TEXT,
            peer_count      INTEGER NOT NULL,
            first_seen      {d.Int64Type} NOT NULL,        -- on the network (the sensor's capture clock)
            last_seen       {d.Int64Type} NOT NULL,
            discovered_at   {d.Int64Type} NOT NULL,        -- when the collector first heard of it (its own clock)
            search          TEXT    NOT NULL,              -- lower-cased text of the searchable columns
            PRIMARY KEY (sensor, asset_id)
        );
        CREATE INDEX IF NOT EXISTS asset_index_last_seen ON asset_index (last_seen);
        CREATE INDEX IF NOT EXISTS asset_index_first_seen ON asset_index (first_seen);
        CREATE INDEX IF NOT EXISTS asset_index_discovered ON asset_index (discovered_at);
        CREATE INDEX IF NOT EXISTS asset_index_role ON asset_index (role);

        CREATE TABLE IF NOT EXISTS asset_peers (             -- the peers of the indexed asset record (the map's edges)
            sensor          TEXT    NOT NULL,
            asset_id        TEXT    NOT NULL,
            peer            TEXT    NOT NULL,
            protocol        TEXT    NOT NULL,
            server_port     INTEGER NOT NULL,
            direction       TEXT    NOT NULL,              -- client / server, as the asset record says
            packets         {d.Int64Type} NOT NULL,
            PRIMARY KEY (sensor, asset_id, peer, protocol, server_port, direction)
        );

        CREATE TABLE IF NOT EXISTS asset_changes (
            id              {d.IdentityKey},
            sensor          TEXT    NOT NULL,
            asset_id        TEXT    NOT NULL,
            at              {d.Int64Type} NOT NULL,        -- when it happened on the network (sensor's capture time)
            kind            TEXT    NOT NULL,
            before_value    TEXT,
            after_value     TEXT,
            ref             TEXT    NOT NULL,              -- the message or anomaly it came from (dedup)
            UNIQUE (sensor, asset_id, kind, ref)
        );
        CREATE INDEX IF NOT EXISTS asset_changes_at ON asset_changes (at);
        CREATE INDEX IF NOT EXISTS asset_changes_asset ON asset_changes (sensor, asset_id, at);

        CREATE TABLE IF NOT EXISTS incident_workflow (
            sensor          TEXT    NOT NULL,
            incident_id     TEXT    NOT NULL,
            workflow        TEXT    NOT NULL,              -- new, acknowledged, closed (the analysts' view)
            assignee        TEXT,
            models          TEXT    NOT NULL,              -- comma-separated model ids of the latest version
            search          TEXT    NOT NULL,
            version         INTEGER NOT NULL,              -- the incident version models and search come from
            score           INTEGER NOT NULL,              -- that version's score (a closed incident reopens when it grows)
            created_at      {d.Int64Type} NOT NULL,        -- when the collector received its first version
            PRIMARY KEY (sensor, incident_id)
        );
        CREATE INDEX IF NOT EXISTS incident_workflow_created ON incident_workflow (created_at);
        CREATE INDEX IF NOT EXISTS incident_workflow_state ON incident_workflow (workflow);

        CREATE TABLE IF NOT EXISTS incident_actions (
            id              {d.IdentityKey},
            sensor          TEXT    NOT NULL,
            incident_id     TEXT    NOT NULL,
            at              {d.Int64Type} NOT NULL,
            user_name       TEXT    NOT NULL,
            action          TEXT    NOT NULL,
            assignee        TEXT,
            comment         TEXT
        );
        CREATE INDEX IF NOT EXISTS incident_actions_incident ON incident_actions (sensor, incident_id, at);

        CREATE TABLE IF NOT EXISTS anomaly_reports (
            message_id      TEXT    NOT NULL PRIMARY KEY,
            sensor          TEXT    NOT NULL,
            device          TEXT    NOT NULL,
            at              {d.Int64Type} NOT NULL,        -- the anomaly's last-seen time (capture time)
            score           INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS anomaly_reports_device ON anomaly_reports (sensor, device, at);

        -- The API's anomaly list sorts the ingest table by time.
        CREATE INDEX IF NOT EXISTS anomalies_last_seen ON anomalies (last_seen);

        CREATE TABLE IF NOT EXISTS sensor_health (
            sensor            TEXT    NOT NULL PRIMARY KEY,
            metrics_at        {d.Int64Type},
            frames            {d.Int64Type},
            frames_per_second {d.DoubleType},
            drops             {d.Int64Type},
            outbox_depth      {d.Int64Type},
            clock_skew_ms     {d.Int64Type}
        );

        -- One row per metrics message: the sensor's health as it reported it (the Sensors page's latest values and
        -- its charts), kept {DashboardProjection.HealthRetentionDays} days. Health columns are NULL from sensors that
        -- predate health, or when the sensor could not take that reading.
        CREATE TABLE IF NOT EXISTS sensor_health_samples (
            message_id         TEXT    NOT NULL PRIMARY KEY,
            sensor             TEXT    NOT NULL,
            at                 {d.Int64Type} NOT NULL,     -- the metrics' time (the sensor's clock)
            started_at         {d.Int64Type} NOT NULL,     -- the sensor run the counters belong to
            frames             {d.Int64Type} NOT NULL,     -- frames captured since started_at
            outbox_depth       {d.Int64Type} NOT NULL,
            cpu_percent        {d.DoubleType},
            memory_bytes       {d.Int64Type},
            memory_limit_bytes {d.Int64Type},
            temperature_c      {d.DoubleType},
            disk_free_bytes    {d.Int64Type},
            disk_total_bytes   {d.Int64Type},
            capture_received   {d.Int64Type},
            kernel_dropped     {d.Int64Type},
            interface_dropped  {d.Int64Type},
            dropped_by_sensor  {d.Int64Type},
            uptime_seconds     {d.Int64Type},
            alerts             TEXT,                       -- JSON array of the alerts (code, since, detail) standing then; NULL without health
            alert_count        INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS sensor_health_samples_at ON sensor_health_samples (sensor, at);

        CREATE TABLE IF NOT EXISTS users (
            name            TEXT    NOT NULL PRIMARY KEY,
            password_hash   TEXT    NOT NULL,
            role            TEXT    NOT NULL,
            disabled        INTEGER NOT NULL,
            created_at      {d.Int64Type} NOT NULL,
            stamp           TEXT    NOT NULL               -- renewed on password change or disable: ends sessions
        );

        CREATE TABLE IF NOT EXISTS api_tokens (
            token_hash      TEXT    NOT NULL PRIMARY KEY,  -- SHA-256 of the token; the token itself is never stored
            name            TEXT    NOT NULL,
            role            TEXT    NOT NULL,
            created_by      TEXT    NOT NULL,
            created_at      {d.Int64Type} NOT NULL,
            last_used_at    {d.Int64Type}
        );
        """ + Provisioning.ProvisioningSchema.Create(d);
}
