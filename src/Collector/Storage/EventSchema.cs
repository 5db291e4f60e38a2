namespace Collector.Storage;

/// <summary>
/// The collector's tables, one text for SQLite and PostgreSQL with the dialect's type names filled in. Times are Unix
/// milliseconds (UTC), so they compare and index as integers; payloads are the JSON as received (TEXT), so SQLite's
/// <c>json_extract</c> or PostgreSQL's <c>payload::jsonb</c> reaches any field the columns do not carry.
/// </summary>
internal static class EventSchema
{
    /// <summary>Kept in SQLite's <c>user_version</c>, in PostgreSQL's <c>schema_info</c>.</summary>
    public const int Version = 1;

    public static string Create(StoreDialect d) => $"""
        CREATE TABLE IF NOT EXISTS messages (
            message_id     TEXT    NOT NULL PRIMARY KEY,   -- <sensor>:<run>:<sequence>, the dedup key
            site           TEXT    NOT NULL,
            sensor         TEXT    NOT NULL,
            kind           TEXT    NOT NULL,               -- status, incidents, anomalies, assets, metrics
            schema_version INTEGER NOT NULL,
            sent_at        {d.Int64Type} NOT NULL,         -- envelope time (sensor clock)
            received_at    {d.Int64Type} NOT NULL,         -- collector clock
            payload        TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS messages_sensor_kind ON messages (sensor, kind, received_at);

        CREATE TABLE IF NOT EXISTS sensors (
            sensor          TEXT    NOT NULL PRIMARY KEY,
            site            TEXT    NOT NULL,
            state           TEXT,                          -- online / offline, from the last birth or death applied
            bd_seq          {d.Int64Type},
            phase           TEXT,
            sensor_version  TEXT,
            status_at       {d.Int64Type},
            first_seen_at   {d.Int64Type} NOT NULL,
            last_message_at {d.Int64Type} NOT NULL,
            status          TEXT                           -- the last applied status record
        );

        CREATE TABLE IF NOT EXISTS status_events (
            message_id  TEXT    NOT NULL PRIMARY KEY,
            sensor      TEXT    NOT NULL,
            state       TEXT    NOT NULL,
            bd_seq      {d.Int64Type} NOT NULL,
            phase       TEXT,
            sent_at     {d.Int64Type} NOT NULL,
            applied     INTEGER NOT NULL                   -- 0: a stale death (older bdSeq) that did not change the sensor
        );

        CREATE TABLE IF NOT EXISTS incidents (
            sensor      TEXT    NOT NULL,
            incident_id TEXT    NOT NULL,
            site        TEXT    NOT NULL,
            version     INTEGER NOT NULL,                  -- the highest version seen
            state       TEXT    NOT NULL,
            title       TEXT    NOT NULL,
            score       INTEGER NOT NULL,
            device      TEXT    NOT NULL,
            first_seen  {d.Int64Type} NOT NULL,
            last_seen   {d.Int64Type} NOT NULL,
            payload     TEXT    NOT NULL,
            PRIMARY KEY (sensor, incident_id)
        );

        CREATE TABLE IF NOT EXISTS incident_versions (
            sensor      TEXT    NOT NULL,
            incident_id TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            message_id  TEXT    NOT NULL,
            state       TEXT    NOT NULL,
            score       INTEGER NOT NULL,
            payload     TEXT    NOT NULL,
            UNIQUE (sensor, incident_id, version)
        );

        CREATE TABLE IF NOT EXISTS anomalies (
            sensor      TEXT    NOT NULL,
            anomaly_id  TEXT    NOT NULL,
            site        TEXT    NOT NULL,
            model       TEXT    NOT NULL,
            score       INTEGER NOT NULL,
            device      TEXT    NOT NULL,
            incident_id TEXT,
            first_seen  {d.Int64Type} NOT NULL,
            last_seen   {d.Int64Type} NOT NULL,
            message_id  TEXT    NOT NULL,
            payload     TEXT    NOT NULL,
            PRIMARY KEY (sensor, anomaly_id)
        );

        CREATE TABLE IF NOT EXISTS assets (
            sensor      TEXT    NOT NULL,
            asset_id    TEXT    NOT NULL,
            site        TEXT    NOT NULL,
            first_seen  {d.Int64Type} NOT NULL,
            last_seen   {d.Int64Type} NOT NULL,
            message_id  TEXT    NOT NULL,
            payload     TEXT    NOT NULL,
            PRIMARY KEY (sensor, asset_id)
        );

        CREATE TABLE IF NOT EXISTS dead_letters (
            id          {d.IdentityKey},
            received_at {d.Int64Type} NOT NULL,
            client_id   TEXT    NOT NULL,
            topic       TEXT    NOT NULL,
            payload     {d.BytesType} NOT NULL,
            reason      TEXT    NOT NULL,
            detail      TEXT    NOT NULL
        );
        """;
}
