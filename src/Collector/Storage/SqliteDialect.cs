using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Collector.Storage;

/// <summary>
/// SQLite: one file in WAL mode, <c>synchronous</c> NORMAL or FULL, the schema version in <c>PRAGMA user_version</c>.
/// The ingest writer is the only writer, so there is no race to retry.
/// </summary>
internal sealed class SqliteDialect(string path, bool synchronousFull) : StoreDialect
{
    public override string Int64Type => "INTEGER";

    public override string DoubleType => "REAL";

    public override string BytesType => "BLOB";

    public override string IdentityKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override DbConnection CreateConnection() => new SqliteConnection(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString());

    public override void Open(DbConnection connection)
    {
        connection.Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        Execute(connection, null, synchronousFull ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        Execute(connection, null, "PRAGMA foreign_keys=ON;");
    }

    public override string Greatest(string a, string b) => $"max({a}, {b})";

    public override void LockSchema(DbConnection connection, DbTransaction transaction)
    {
        // A non-deferred Microsoft.Data.Sqlite transaction is BEGIN IMMEDIATE: it already holds the file's write lock.
    }

    public override int ReadSchemaVersion(DbConnection connection, DbTransaction transaction) =>
        Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), CultureInfo.InvariantCulture);

    public override void WriteSchemaVersion(DbConnection connection, DbTransaction transaction, int version) =>
        Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version={version};"));

    public override bool IsRetryable(DbException exception) => false;
}
