namespace Collector.Storage;

/// <summary>
/// <see cref="IEventStore"/> on one SQLite file in WAL mode (the default store: <c>collector.db</c> in the data
/// directory). The collector must be the file's only writer.
/// <para><c>synchronous=NORMAL</c>: a commit survives a crash of the collector process (the WAL is written before
/// <see cref="DbEventStore.Write"/> returns) but the last commits may be lost on power failure; <c>FULL</c> is an
/// option away (the <c>synchronousFull</c> argument).</para>
/// </summary>
public sealed class SqliteStore : DbEventStore
{
    public SqliteStore(string path, bool synchronousFull = false)
        : base(new SqliteDialect(Required(path), synchronousFull))
    {
        DatabasePath = path;
    }

    public string DatabasePath { get; }

    private static string Required(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return path;
    }
}
