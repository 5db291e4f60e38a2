using System.Data;
using System.Data.Common;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;

namespace Collector.Storage;

/// <summary>
/// The one writer behind <see cref="SqliteStore"/> and <see cref="PostgresStore"/>: one connection, used only by the
/// ingest writer's thread; each <see cref="Write"/> is one transaction running the shared
/// <see cref="WriteStatements"/>, prepared once per connection and reused across batches. Idempotency rests on
/// <c>messages.message_id</c>: a message whose insert changes no row is a duplicate and touches nothing else.
/// <para>A batch that lost a race with another writer of the same database (PostgreSQL's deadlock or serialization
/// failure; see <see cref="StoreDialect.IsRetryable"/>) was rolled back whole, so it is run again, a few times at
/// most. A connection the server dropped is opened again (and the statements prepared again) by the next batch; the
/// batch that saw it drop fails, and its publishes are retried by the sensors.</para>
/// </summary>
public abstract class DbEventStore : IEventStore
{
    /// <summary>Tries of one batch that keeps losing races before its failure is reported.</summary>
    private const int MaxAttempts = 8;

    private readonly StoreDialect _dialect;
    private readonly WriteStatements _statements;
    private readonly DbConnection _connection;
    private PreparedWrites? _writes;
    private IProjectionWriter? _projection;

    private protected DbEventStore(StoreDialect dialect)
    {
        _dialect = dialect;
        _statements = new WriteStatements(dialect);
        _connection = dialect.CreateConnection();
    }

    public void Initialize()
    {
        _dialect.Open(_connection);
        using (DbTransaction transaction = _connection.BeginTransaction())
        {
            _dialect.LockSchema(_connection, transaction);
            using (DbCommand create = _connection.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = EventSchema.Create(_dialect) + (Projection?.Schema(_dialect) ?? string.Empty);
                create.ExecuteNonQuery();
            }

            int found = _dialect.ReadSchemaVersion(_connection, transaction);
            if (found > EventSchema.Version)
            {
                throw new InvalidOperationException(
                    $"The database has schema version {found}; this collector knows version {EventSchema.Version} and older.");
            }

            _dialect.WriteSchemaVersion(_connection, transaction, EventSchema.Version);
            transaction.Commit();
        }

        _writes = new PreparedWrites(_connection, _statements);
        _projection = Projection?.Attach(_connection);
    }

    /// <summary>The database's dialect, for readers that open their own connections (the dashboard).</summary>
    internal StoreDialect Dialect => _dialect;

    /// <summary>Tables kept in step with ingest in the same transaction (the dashboard's); set before <see cref="Initialize"/>.</summary>
    internal IStoreProjection? Projection { get; set; }

    public WriteResult Write(IReadOnlyList<StoredMessage> messages, IReadOnlyList<DeadLetter> deadLetters, Span<bool> stored)
    {
        if (_writes is null)
        {
            throw new InvalidOperationException("Initialize the store before writing.");
        }

        if (stored.Length < messages.Count)
        {
            throw new ArgumentException("One flag per message is needed.", nameof(stored));
        }

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return WriteOnce(Reopened(), messages, deadLetters, stored);
            }
            catch (DbException ex) when (attempt < MaxAttempts && _dialect.IsRetryable(ex))
            {
                // The other transaction goes on; wait a little (longer each time, jittered) so the retry does not meet it again.
                Thread.Sleep(Random.Shared.Next(1, 10 * attempt));
            }
        }
    }

    public void Dispose()
    {
        _writes?.Dispose();
        _projection?.Dispose();
        _connection.Dispose();
        GC.SuppressFinalize(this);
    }

    private PreparedWrites Reopened()
    {
        if (_connection.State == ConnectionState.Open)
        {
            return _writes!;
        }

        _writes!.Dispose();
        _writes = null;
        _projection?.Dispose();
        _projection = null;
        _connection.Close();
        _dialect.Open(_connection);
        _writes = new PreparedWrites(_connection, _statements);
        _projection = Projection?.Attach(_connection);
        return _writes;
    }

    private WriteResult WriteOnce(PreparedWrites s, IReadOnlyList<StoredMessage> messages, IReadOnlyList<DeadLetter> deadLetters, Span<bool> stored)
    {
        using DbTransaction transaction = _connection.BeginTransaction();
        s.Enlist(transaction);
        int newMessages = 0;
        int duplicates = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            StoredMessage message = messages[i];
            bool isNew = s.InsertMessage.Execute(message) == 1;
            stored[i] = isNew;
            if (!isNew)
            {
                duplicates++;
                continue;
            }

            newMessages++;
            s.TouchSensor.Execute(message);
            switch (message.Record)
            {
                case SensorStatusRecord status:
                    bool applied = s.ApplyStatus.Execute(new(message, status)) == 1;
                    s.InsertStatusEvent.Execute(new(message, new StatusEvent(status, applied)));
                    break;
                case BreachSummaryRecord incident:
                    s.InsertIncidentVersion.Execute(new(message, incident));
                    s.UpsertIncident.Execute(new(message, incident));
                    break;
                case AnomalyRecord anomaly:
                    s.UpsertAnomaly.Execute(new(message, anomaly));
                    break;
                case AssetRecord asset:
                    s.UpsertAsset.Execute(new(message, asset));
                    break;
                default:
                    // Metrics (and any record without a table of its own) live in messages only.
                    break;
            }

            _projection?.Apply(transaction, message);
        }

        foreach (DeadLetter deadLetter in deadLetters)
        {
            s.InsertDeadLetter.Execute(deadLetter);
        }

        transaction.Commit();
        return new WriteResult(newMessages, duplicates, deadLetters.Count);
    }
}
