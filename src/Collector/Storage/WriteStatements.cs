using System.Data;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Topics;

namespace Collector.Storage;

/// <summary>
/// Every statement the store writes with, defined once for SQLite and PostgreSQL: the SQL (standard
/// <c>INSERT ... ON CONFLICT</c>, which both speak; only <see cref="StoreDialect.Greatest"/> differs) and a table of
/// parameters read from the row. Times are bound as Unix milliseconds.
/// </summary>
internal sealed class WriteStatements(StoreDialect dialect)
{
    /// <summary>Changes one row when the id is new and none when it is a duplicate (in both databases).</summary>
    public StoreStatement<StoredMessage> InsertMessage { get; } = new("""
        INSERT INTO messages (message_id, site, sensor, kind, schema_version, sent_at, received_at, payload)
        VALUES (@id, @site, @sensor, @kind, @schema, @sent, @received, @payload)
        ON CONFLICT (message_id) DO NOTHING
        """,
        new("@id", DbType.String, m => m.MessageId),
        new("@site", DbType.String, m => m.Site),
        new("@sensor", DbType.String, m => m.Sensor),
        new("@kind", DbType.String, m => EdgeTopics.KindLevel(m.Kind)),
        new("@schema", DbType.Int32, m => m.SchemaVersion),
        new("@sent", DbType.Int64, m => UnixMs(m.SentAt)),
        new("@received", DbType.Int64, m => UnixMs(m.ReceivedAt)),
        new("@payload", DbType.String, m => m.PayloadJson));

    public StoreStatement<StoredMessage> TouchSensor { get; } = new($"""
        INSERT INTO sensors (sensor, site, first_seen_at, last_message_at) VALUES (@sensor, @site, @now, @now)
        ON CONFLICT (sensor) DO UPDATE SET site = excluded.site,
            last_message_at = {dialect.Greatest("sensors.last_message_at", "excluded.last_message_at")}
        """,
        new("@sensor", DbType.String, m => m.Sensor),
        new("@site", DbType.String, m => m.Site),
        new("@now", DbType.Int64, m => UnixMs(m.ReceivedAt)));

    /// <summary>
    /// Birth/death after Sparkplug: a newer bdSeq always wins; with the same bdSeq, a birth or phase change applies
    /// while online and the death ends it; once that connection's death is applied, nothing of the same bdSeq revives
    /// it, and anything with an older bdSeq (a late will) is recorded but not applied. Changes one row when applied.
    /// </summary>
    public StoreStatement<MessageRow<SensorStatusRecord>> ApplyStatus { get; } = new("""
        UPDATE sensors SET state = @state, bd_seq = @bd, phase = @phase,
            sensor_version = coalesce(@version, sensor_version), status_at = @at, status = @payload
        WHERE sensor = @sensor
          AND (bd_seq IS NULL OR @bd > bd_seq OR (@bd = bd_seq AND state <> 'offline'))
        """,
        new("@sensor", DbType.String, r => r.Message.Sensor),
        new("@state", DbType.String, r => r.Record.State),
        new("@bd", DbType.Int64, r => r.Record.BdSeq),
        new("@phase", DbType.String, r => r.Record.Phase),
        new("@version", DbType.String, r => r.Record.SensorVersion),
        new("@at", DbType.Int64, r => UnixMs(r.Message.SentAt)),
        new("@payload", DbType.String, r => r.Message.PayloadJson));

    public StoreStatement<MessageRow<StatusEvent>> InsertStatusEvent { get; } = new("""
        INSERT INTO status_events (message_id, sensor, state, bd_seq, phase, sent_at, applied)
        VALUES (@id, @sensor, @state, @bd, @phase, @sent, @applied)
        """,
        new("@id", DbType.String, r => r.Message.MessageId),
        new("@sensor", DbType.String, r => r.Message.Sensor),
        new("@state", DbType.String, r => r.Record.Status.State),
        new("@bd", DbType.Int64, r => r.Record.Status.BdSeq),
        new("@phase", DbType.String, r => r.Record.Status.Phase),
        new("@sent", DbType.Int64, r => UnixMs(r.Message.SentAt)),
        new("@applied", DbType.Int32, r => r.Record.Applied ? 1 : 0));

    public StoreStatement<MessageRow<BreachSummaryRecord>> InsertIncidentVersion { get; } = new("""
        INSERT INTO incident_versions (sensor, incident_id, version, message_id, state, score, payload)
        VALUES (@sensor, @incident, @version, @id, @state, @score, @payload)
        ON CONFLICT (sensor, incident_id, version) DO NOTHING
        """,
        new("@sensor", DbType.String, r => r.Message.Sensor),
        new("@incident", DbType.String, r => r.Record.IncidentId),
        new("@version", DbType.Int32, r => r.Record.Version),
        new("@id", DbType.String, r => r.Message.MessageId),
        new("@state", DbType.String, r => r.Record.State),
        new("@score", DbType.Int32, r => r.Record.Score),
        new("@payload", DbType.String, r => r.Message.PayloadJson));

    /// <summary>The latest incident row moves only to a higher version.</summary>
    public StoreStatement<MessageRow<BreachSummaryRecord>> UpsertIncident { get; } = new("""
        INSERT INTO incidents (sensor, incident_id, site, version, state, title, score, device, first_seen, last_seen, payload)
        VALUES (@sensor, @incident, @site, @version, @state, @title, @score, @device, @first, @last, @payload)
        ON CONFLICT (sensor, incident_id) DO UPDATE SET site = excluded.site, version = excluded.version,
            state = excluded.state, title = excluded.title, score = excluded.score, device = excluded.device,
            first_seen = excluded.first_seen, last_seen = excluded.last_seen, payload = excluded.payload
        WHERE excluded.version > incidents.version
        """,
        new("@sensor", DbType.String, r => r.Message.Sensor),
        new("@incident", DbType.String, r => r.Record.IncidentId),
        new("@site", DbType.String, r => r.Message.Site),
        new("@version", DbType.Int32, r => r.Record.Version),
        new("@state", DbType.String, r => r.Record.State),
        new("@title", DbType.String, r => r.Record.Title),
        new("@score", DbType.Int32, r => r.Record.Score),
        new("@device", DbType.String, r => r.Record.Device),
        new("@first", DbType.Int64, r => UnixMs(r.Record.FirstSeen)),
        new("@last", DbType.Int64, r => UnixMs(r.Record.LastSeen)),
        new("@payload", DbType.String, r => r.Message.PayloadJson));

    /// <summary>The latest anomaly row moves only to a later (or equal) last-seen time.</summary>
    public StoreStatement<MessageRow<AnomalyRecord>> UpsertAnomaly { get; } = new("""
        INSERT INTO anomalies (sensor, anomaly_id, site, model, score, device, incident_id, first_seen, last_seen, message_id, payload)
        VALUES (@sensor, @anomaly, @site, @model, @score, @device, @incident, @first, @last, @id, @payload)
        ON CONFLICT (sensor, anomaly_id) DO UPDATE SET site = excluded.site, model = excluded.model,
            score = excluded.score, device = excluded.device, incident_id = excluded.incident_id,
            first_seen = excluded.first_seen, last_seen = excluded.last_seen,
            message_id = excluded.message_id, payload = excluded.payload
        WHERE excluded.last_seen >= anomalies.last_seen
        """,
        new("@sensor", DbType.String, r => r.Message.Sensor),
        new("@anomaly", DbType.String, r => r.Record.AnomalyId),
        new("@site", DbType.String, r => r.Message.Site),
        new("@model", DbType.String, r => r.Record.Model),
        new("@score", DbType.Int32, r => r.Record.Score),
        new("@device", DbType.String, r => r.Record.Device),
        new("@incident", DbType.String, r => r.Record.IncidentId),
        new("@first", DbType.Int64, r => UnixMs(r.Record.FirstSeen)),
        new("@last", DbType.Int64, r => UnixMs(r.Record.LastSeen)),
        new("@id", DbType.String, r => r.Message.MessageId),
        new("@payload", DbType.String, r => r.Message.PayloadJson));

    /// <summary>The latest asset row moves only to a later (or equal) last-seen time.</summary>
    public StoreStatement<MessageRow<AssetRecord>> UpsertAsset { get; } = new("""
        INSERT INTO assets (sensor, asset_id, site, first_seen, last_seen, message_id, payload)
        VALUES (@sensor, @asset, @site, @first, @last, @id, @payload)
        ON CONFLICT (sensor, asset_id) DO UPDATE SET site = excluded.site, first_seen = excluded.first_seen,
            last_seen = excluded.last_seen, message_id = excluded.message_id, payload = excluded.payload
        WHERE excluded.last_seen >= assets.last_seen
        """,
        new("@sensor", DbType.String, r => r.Message.Sensor),
        new("@asset", DbType.String, r => r.Record.AssetId),
        new("@site", DbType.String, r => r.Message.Site),
        new("@first", DbType.Int64, r => UnixMs(r.Record.FirstSeen)),
        new("@last", DbType.Int64, r => UnixMs(r.Record.LastSeen)),
        new("@id", DbType.String, r => r.Message.MessageId),
        new("@payload", DbType.String, r => r.Message.PayloadJson));

    public StoreStatement<DeadLetter> InsertDeadLetter { get; } = new("""
        INSERT INTO dead_letters (received_at, client_id, topic, payload, reason, detail)
        VALUES (@received, @client, @topic, @payload, @reason, @detail)
        """,
        new("@received", DbType.Int64, d => UnixMs(d.ReceivedAt)),
        new("@client", DbType.String, d => d.ClientId),
        new("@topic", DbType.String, d => d.Topic),
        new("@payload", DbType.Binary, d => d.Payload),
        new("@reason", DbType.String, d => DeadLetterReasons.Name(d.Reason)),
        new("@detail", DbType.String, d => d.Detail));

    private static long UnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
