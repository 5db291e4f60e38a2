using Collector.Storage;
using Collector.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Collector.Tests.Storage;

/// <summary>The store contract on SQLite: a file in a temp dir per test.</summary>
public sealed class SqliteStoreTests : EventStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-store-").FullName;

    private string DatabasePath => Path.Combine(_directory, "collector.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Synchronous_full_is_an_option_and_the_journal_is_wal()
    {
        using var store = new SqliteStore(DatabasePath, synchronousFull: true);
        store.Initialize();
        Assert.Equal(DatabasePath, store.DatabasePath);
        Assert.Equal(["wal"], Strings("PRAGMA journal_mode"));
    }

    protected override IEventStore CreateStore() => new SqliteStore(DatabasePath);

    protected override long Scalar(string sql)
    {
        using SqliteConnection connection = Connect();
        return SqlQuery.Scalar(connection, sql);
    }

    protected override List<string> Strings(string sql)
    {
        using SqliteConnection connection = Connect();
        return SqlQuery.Strings(connection, sql);
    }

    protected override List<byte[]> Blobs(string sql)
    {
        using SqliteConnection connection = Connect();
        return SqlQuery.Blobs(connection, sql);
    }

    protected override long SchemaVersion() => Scalar("PRAGMA user_version");

    protected override void SetSchemaVersion(int version)
    {
        using SqliteConnection connection = Connect();
        SqlQuery.Execute(connection, $"PRAGMA user_version={version}");
    }

    private SqliteConnection Connect() => new($"Data Source={DatabasePath};Pooling=False");
}
