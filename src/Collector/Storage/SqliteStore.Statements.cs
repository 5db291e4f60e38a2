using Microsoft.Data.Sqlite;

namespace Collector.Storage;

public sealed partial class SqliteStore
{
    /// <summary>The prepared statements of one connection, re-enlisted in each batch's transaction.</summary>
    private sealed class Statements : IDisposable
    {
        public Statements(SqliteConnection connection)
        {
            InsertMessage = Prepare(connection, """
                INSERT INTO messages (message_id, site, sensor, kind, schema_version, sent_at, received_at, payload)
                VALUES ($id, $site, $sensor, $kind, $schema, $sent, $received, $payload)
                ON CONFLICT (message_id) DO NOTHING
                """, "$id", "$site", "$sensor", "$kind", "$schema", "$sent", "$received", "$payload");

            TouchSensor = Prepare(connection, """
                INSERT INTO sensors (sensor, site, first_seen_at, last_message_at) VALUES ($sensor, $site, $now, $now)
                ON CONFLICT (sensor) DO UPDATE SET site = excluded.site,
                    last_message_at = max(sensors.last_message_at, excluded.last_message_at)
                """, "$sensor", "$site", "$now");

            // Birth/death after Sparkplug: a newer bdSeq always wins; with the same bdSeq, a birth or phase change
            // applies while online and the death ends it; once that connection's death is applied, nothing of the
            // same bdSeq revives it, and anything with an older bdSeq (a late will) is recorded but not applied.
            ApplyStatus = Prepare(connection, """
                UPDATE sensors SET state = $state, bd_seq = $bd, phase = $phase,
                    sensor_version = coalesce($version, sensor_version), status_at = $at, status = $payload
                WHERE sensor = $sensor
                  AND (bd_seq IS NULL OR $bd > bd_seq OR ($bd = bd_seq AND state <> 'offline'))
                """, "$sensor", "$state", "$bd", "$phase", "$version", "$at", "$payload");

            InsertStatusEvent = Prepare(connection, """
                INSERT INTO status_events (message_id, sensor, state, bd_seq, phase, sent_at, applied)
                VALUES ($id, $sensor, $state, $bd, $phase, $sent, $applied)
                """, "$id", "$sensor", "$state", "$bd", "$phase", "$sent", "$applied");

            InsertIncidentVersion = Prepare(connection, """
                INSERT INTO incident_versions (sensor, incident_id, version, message_id, state, score, payload)
                VALUES ($sensor, $incident, $version, $id, $state, $score, $payload)
                ON CONFLICT (sensor, incident_id, version) DO NOTHING
                """, "$sensor", "$incident", "$version", "$id", "$state", "$score", "$payload");

            UpsertIncident = Prepare(connection, """
                INSERT INTO incidents (sensor, incident_id, site, version, state, title, score, device, first_seen, last_seen, payload)
                VALUES ($sensor, $incident, $site, $version, $state, $title, $score, $device, $first, $last, $payload)
                ON CONFLICT (sensor, incident_id) DO UPDATE SET site = excluded.site, version = excluded.version,
                    state = excluded.state, title = excluded.title, score = excluded.score, device = excluded.device,
                    first_seen = excluded.first_seen, last_seen = excluded.last_seen, payload = excluded.payload
                WHERE excluded.version > incidents.version
                """, "$sensor", "$incident", "$site", "$version", "$state", "$title", "$score", "$device", "$first", "$last", "$payload");

            UpsertAnomaly = Prepare(connection, """
                INSERT INTO anomalies (sensor, anomaly_id, site, model, score, device, incident_id, first_seen, last_seen, message_id, payload)
                VALUES ($sensor, $anomaly, $site, $model, $score, $device, $incident, $first, $last, $id, $payload)
                ON CONFLICT (sensor, anomaly_id) DO UPDATE SET site = excluded.site, model = excluded.model,
                    score = excluded.score, device = excluded.device, incident_id = excluded.incident_id,
                    first_seen = excluded.first_seen, last_seen = excluded.last_seen,
                    message_id = excluded.message_id, payload = excluded.payload
                WHERE excluded.last_seen >= anomalies.last_seen
                """, "$sensor", "$anomaly", "$site", "$model", "$score", "$device", "$incident", "$first", "$last", "$id", "$payload");

            UpsertAsset = Prepare(connection, """
                INSERT INTO assets (sensor, asset_id, site, first_seen, last_seen, message_id, payload)
                VALUES ($sensor, $asset, $site, $first, $last, $id, $payload)
                ON CONFLICT (sensor, asset_id) DO UPDATE SET site = excluded.site, first_seen = excluded.first_seen,
                    last_seen = excluded.last_seen, message_id = excluded.message_id, payload = excluded.payload
                WHERE excluded.last_seen >= assets.last_seen
                """, "$sensor", "$asset", "$site", "$first", "$last", "$id", "$payload");

            InsertDeadLetter = Prepare(connection, """
                INSERT INTO dead_letters (received_at, client_id, topic, payload, reason, detail)
                VALUES ($received, $client, $topic, $payload, $reason, $detail)
                """, "$received", "$client", "$topic", "$payload", "$reason", "$detail");
        }

        public SqliteCommand InsertMessage { get; }

        public SqliteCommand TouchSensor { get; }

        public SqliteCommand ApplyStatus { get; }

        public SqliteCommand InsertStatusEvent { get; }

        public SqliteCommand InsertIncidentVersion { get; }

        public SqliteCommand UpsertIncident { get; }

        public SqliteCommand UpsertAnomaly { get; }

        public SqliteCommand UpsertAsset { get; }

        public SqliteCommand InsertDeadLetter { get; }

        private IEnumerable<SqliteCommand> All =>
        [
            InsertMessage, TouchSensor, ApplyStatus, InsertStatusEvent, InsertIncidentVersion, UpsertIncident,
            UpsertAnomaly, UpsertAsset, InsertDeadLetter,
        ];

        public void Enlist(SqliteTransaction transaction)
        {
            foreach (SqliteCommand command in All)
            {
                command.Transaction = transaction;
            }
        }

        public void Dispose()
        {
            foreach (SqliteCommand command in All)
            {
                command.Dispose();
            }
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            return command;
        }
    }
}
