using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Collector.Storage;

/// <summary>
/// PostgreSQL through Npgsql. Several collectors may share the database (they split an MQTT shared subscription), so
/// the schema is created under an advisory lock, and a batch that lost a deadlock or serialization race to another
/// collector is run again. The schema version is the one row of <c>schema_info</c>.
/// </summary>
internal sealed class PostgresDialect : StoreDialect
{
    /// <summary>Advisory lock key held while the schema is created or checked (any constant shared by all collectors).</summary>
    private const long SchemaLockKey = 0x45646765_436F6C6C; // "EdgeColl"

    private readonly string _connectionString;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // The store holds one connection for its lifetime; without pooling, Dispose really closes it.
            Pooling = false,
            Enlist = false,
        };
        builder.ApplicationName ??= "edge-collector";
        _connectionString = builder.ConnectionString;
    }

    public override string Int64Type => "BIGINT";

    public override string DoubleType => "DOUBLE PRECISION";

    public override string BytesType => "BYTEA";

    public override string IdentityKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override DbConnection CreateConnection() => new NpgsqlConnection(_connectionString);

    public override void Open(DbConnection connection) => connection.Open();

    public override string Greatest(string a, string b) => $"GREATEST({a}, {b})";

    public override void LockSchema(DbConnection connection, DbTransaction transaction) =>
        // Concurrent CREATE TABLE IF NOT EXISTS can fail on the catalog's unique index; the lock serialises them.
        Scalar(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({SchemaLockKey});"));

    public override int ReadSchemaVersion(DbConnection connection, DbTransaction transaction)
    {
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_info (
                id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                version INTEGER NOT NULL
            );
            """);
        return Convert.ToInt32(Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_info;"), CultureInfo.InvariantCulture);
    }

    public override void WriteSchemaVersion(DbConnection connection, DbTransaction transaction, int version) =>
        Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO schema_info (id, version) VALUES (1, {version})
            ON CONFLICT (id) DO UPDATE SET version = excluded.version;
            """));

    public override bool IsRetryable(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };
}
