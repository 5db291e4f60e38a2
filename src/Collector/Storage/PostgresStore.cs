namespace Collector.Storage;

/// <summary>
/// <see cref="IEventStore"/> on a PostgreSQL database (<c>--db postgres://...</c>), through Npgsql. Several collectors
/// may write the same database at once (each taking part of an MQTT shared subscription): every write is an
/// <c>INSERT ... ON CONFLICT</c> or a guarded <c>UPDATE</c> at READ COMMITTED, so a message id two of them insert
/// together waits for the first transaction and is then a duplicate (or new, if that one rolled back), never an error
/// and never stored twice; a batch that deadlocks against another is rolled back and run again.
/// Commits are durable as the server is configured (<c>synchronous_commit</c>, on by default).
/// </summary>
public sealed class PostgresStore : DbEventStore
{
    /// <param name="connectionString">An Npgsql connection string (see <see cref="StoreUrl"/> for the URL form).</param>
    public PostgresStore(string connectionString)
        : base(new PostgresDialect(connectionString))
    {
    }
}
