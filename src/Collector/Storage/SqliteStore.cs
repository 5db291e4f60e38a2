using System.Globalization;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Topics;
using Microsoft.Data.Sqlite;

namespace Collector.Storage;

/// <summary>
/// <see cref="IEventStore"/> on one SQLite file in WAL mode. One connection, used only by the ingest writer's thread;
/// each <see cref="Write"/> is one transaction with prepared statements reused across batches. Idempotency rests on
/// <c>messages.message_id</c>: a message whose insert changes no row is a duplicate and touches nothing else.
/// <para><c>synchronous=NORMAL</c>: a commit survives a crash of the collector process (the WAL is written before
/// <see cref="Write"/> returns) but the last commits may be lost on power failure; <c>FULL</c> is an option away
/// (the <c>synchronousFull</c> argument).</para>
/// </summary>
public sealed partial class SqliteStore : IEventStore
{
    private readonly SqliteConnection _connection;
    private readonly bool _synchronousFull;
    private Statements? _statements;

    public SqliteStore(string path, bool synchronousFull = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        DatabasePath = path;
        _synchronousFull = synchronousFull;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
    }

    public string DatabasePath { get; }

    public void Initialize()
    {
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute(_synchronousFull ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        Execute("PRAGMA foreign_keys=ON;");
        Execute(SqliteSchema.Create);
        Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version={SqliteSchema.Version};"));
        _statements = new Statements(_connection);
    }

    public WriteResult Write(IReadOnlyList<StoredMessage> messages, IReadOnlyList<DeadLetter> deadLetters, Span<bool> stored)
    {
        Statements s = _statements ?? throw new InvalidOperationException("Initialize the store before writing.");
        if (stored.Length < messages.Count)
        {
            throw new ArgumentException("One flag per message is needed.", nameof(stored));
        }

        using SqliteTransaction transaction = _connection.BeginTransaction();
        s.Enlist(transaction);
        int newMessages = 0;
        int duplicates = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            StoredMessage message = messages[i];
            bool isNew = InsertMessage(s, message);
            stored[i] = isNew;
            if (!isNew)
            {
                duplicates++;
                continue;
            }

            newMessages++;
            TouchSensor(s, message);
            switch (message.Record)
            {
                case SensorStatusRecord status:
                    ApplyStatus(s, message, status);
                    break;
                case BreachSummaryRecord incident:
                    StoreIncident(s, message, incident);
                    break;
                case AnomalyRecord anomaly:
                    StoreAnomaly(s, message, anomaly);
                    break;
                case AssetRecord asset:
                    StoreAsset(s, message, asset);
                    break;
                default:
                    // Metrics (and any record without a table of its own) live in messages only.
                    break;
            }
        }

        foreach (DeadLetter deadLetter in deadLetters)
        {
            InsertDeadLetter(s, deadLetter);
        }

        transaction.Commit();
        return new WriteResult(newMessages, duplicates, deadLetters.Count);
    }

    public void Dispose()
    {
        _statements?.Dispose();
        _connection.Dispose();
    }

    internal static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static bool InsertMessage(Statements s, StoredMessage m)
    {
        SqliteParameterCollection p = s.InsertMessage.Parameters;
        p["$id"].Value = m.MessageId;
        p["$site"].Value = m.Site;
        p["$sensor"].Value = m.Sensor;
        p["$kind"].Value = EdgeTopics.KindLevel(m.Kind);
        p["$schema"].Value = m.SchemaVersion;
        p["$sent"].Value = ToUnixMs(m.SentAt);
        p["$received"].Value = ToUnixMs(m.ReceivedAt);
        p["$payload"].Value = m.PayloadJson;
        return s.InsertMessage.ExecuteNonQuery() == 1;
    }

    private static void TouchSensor(Statements s, StoredMessage m)
    {
        SqliteParameterCollection p = s.TouchSensor.Parameters;
        p["$sensor"].Value = m.Sensor;
        p["$site"].Value = m.Site;
        p["$now"].Value = ToUnixMs(m.ReceivedAt);
        s.TouchSensor.ExecuteNonQuery();
    }

    private static void ApplyStatus(Statements s, StoredMessage m, SensorStatusRecord status)
    {
        SqliteParameterCollection p = s.ApplyStatus.Parameters;
        p["$sensor"].Value = m.Sensor;
        p["$state"].Value = status.State;
        p["$bd"].Value = status.BdSeq;
        p["$phase"].Value = (object?)status.Phase ?? DBNull.Value;
        p["$version"].Value = (object?)status.SensorVersion ?? DBNull.Value;
        p["$at"].Value = ToUnixMs(m.SentAt);
        p["$payload"].Value = m.PayloadJson;
        bool applied = s.ApplyStatus.ExecuteNonQuery() == 1;

        p = s.InsertStatusEvent.Parameters;
        p["$id"].Value = m.MessageId;
        p["$sensor"].Value = m.Sensor;
        p["$state"].Value = status.State;
        p["$bd"].Value = status.BdSeq;
        p["$phase"].Value = (object?)status.Phase ?? DBNull.Value;
        p["$sent"].Value = ToUnixMs(m.SentAt);
        p["$applied"].Value = applied ? 1 : 0;
        s.InsertStatusEvent.ExecuteNonQuery();
    }

    private static void StoreIncident(Statements s, StoredMessage m, BreachSummaryRecord incident)
    {
        SqliteParameterCollection p = s.InsertIncidentVersion.Parameters;
        p["$sensor"].Value = m.Sensor;
        p["$incident"].Value = incident.IncidentId;
        p["$version"].Value = incident.Version;
        p["$id"].Value = m.MessageId;
        p["$state"].Value = incident.State;
        p["$score"].Value = incident.Score;
        p["$payload"].Value = m.PayloadJson;
        s.InsertIncidentVersion.ExecuteNonQuery();

        p = s.UpsertIncident.Parameters;
        p["$sensor"].Value = m.Sensor;
        p["$incident"].Value = incident.IncidentId;
        p["$site"].Value = m.Site;
        p["$version"].Value = incident.Version;
        p["$state"].Value = incident.State;
        p["$title"].Value = incident.Title;
        p["$score"].Value = incident.Score;
        p["$device"].Value = incident.Device;
        p["$first"].Value = ToUnixMs(incident.FirstSeen);
        p["$last"].Value = ToUnixMs(incident.LastSeen);
        p["$payload"].Value = m.PayloadJson;
        s.UpsertIncident.ExecuteNonQuery();
    }

    private static void StoreAnomaly(Statements s, StoredMessage m, AnomalyRecord anomaly)
    {
        SqliteParameterCollection p = s.UpsertAnomaly.Parameters;
        p["$sensor"].Value = m.Sensor;
        p["$anomaly"].Value = anomaly.AnomalyId;
        p["$site"].Value = m.Site;
        p["$model"].Value = anomaly.Model;
        p["$score"].Value = anomaly.Score;
        p["$device"].Value = anomaly.Device;
        p["$incident"].Value = (object?)anomaly.IncidentId ?? DBNull.Value;
        p["$first"].Value = ToUnixMs(anomaly.FirstSeen);
        p["$last"].Value = ToUnixMs(anomaly.LastSeen);
        p["$id"].Value = m.MessageId;
        p["$payload"].Value = m.PayloadJson;
        s.UpsertAnomaly.ExecuteNonQuery();
    }

    private static void StoreAsset(Statements s, StoredMessage m, AssetRecord asset)
    {
        SqliteParameterCollection p = s.UpsertAsset.Parameters;
        p["$sensor"].Value = m.Sensor;
        p["$asset"].Value = asset.AssetId;
        p["$site"].Value = m.Site;
        p["$first"].Value = ToUnixMs(asset.FirstSeen);
        p["$last"].Value = ToUnixMs(asset.LastSeen);
        p["$id"].Value = m.MessageId;
        p["$payload"].Value = m.PayloadJson;
        s.UpsertAsset.ExecuteNonQuery();
    }

    private static void InsertDeadLetter(Statements s, DeadLetter d)
    {
        SqliteParameterCollection p = s.InsertDeadLetter.Parameters;
        p["$received"].Value = ToUnixMs(d.ReceivedAt);
        p["$client"].Value = d.ClientId;
        p["$topic"].Value = d.Topic;
        p["$payload"].Value = d.Payload;
        p["$reason"].Value = DeadLetterReasons.Name(d.Reason);
        p["$detail"].Value = d.Detail;
        s.InsertDeadLetter.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
