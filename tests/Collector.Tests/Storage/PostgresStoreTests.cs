using Collector.Storage;
using Collector.Tests.Infrastructure;

namespace Collector.Tests.Storage;

/// <summary>The store contract on PostgreSQL: a new database on the shared test server per test (skipped, with the reason, where the server cannot run).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : EventStoreContract
{
    private PostgresDatabase? _database;

    private PostgresDatabase Database => _database ??= server.CreateDatabase();

    protected override IEventStore CreateStore() => new PostgresStore(Database.ConnectionString);

    protected override long Scalar(string sql) => Database.Scalar(sql);

    protected override List<string> Strings(string sql) => Database.Strings(sql);

    protected override List<byte[]> Blobs(string sql) => Database.Blobs(sql);

    protected override long SchemaVersion() => Database.Scalar("SELECT version FROM schema_info");

    protected override void SetSchemaVersion(int version) => Database.Execute($"UPDATE schema_info SET version = {version}");
}
