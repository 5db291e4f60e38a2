using System.Data.Common;

namespace Collector.Storage;

/// <summary>
/// What differs between the databases behind <see cref="DbEventStore"/>: how a connection is made and opened, the few
/// DDL type names, one function name, how the schema version is kept, and which failures are worth a retry. The
/// statements, their parameters and the write logic are shared (<see cref="WriteStatements"/>).
/// </summary>
internal abstract class StoreDialect
{
    /// <summary>Column type of a 64-bit integer (Unix ms times, bdSeq).</summary>
    public abstract string Int64Type { get; }

    /// <summary>Column type of a double-precision float (confidences, rates).</summary>
    public abstract string DoubleType { get; }

    /// <summary>Column type of raw bytes (dead-letter payloads).</summary>
    public abstract string BytesType { get; }

    /// <summary>Column definition of a generated 64-bit primary key.</summary>
    public abstract string IdentityKey { get; }

    /// <summary>A connection, not yet open.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>Opens the connection and sets what each session needs (SQLite's journal and sync pragmas).</summary>
    public abstract void Open(DbConnection connection);

    /// <summary>The larger of two expressions.</summary>
    public abstract string Greatest(string a, string b);

    /// <summary>
    /// Inside the schema transaction, before anything else: keeps other collectors sharing the database from creating
    /// the schema at the same time.
    /// </summary>
    public abstract void LockSchema(DbConnection connection, DbTransaction transaction);

    /// <summary>The schema version stored in the database; 0 when none is.</summary>
    public abstract int ReadSchemaVersion(DbConnection connection, DbTransaction transaction);

    public abstract void WriteSchemaVersion(DbConnection connection, DbTransaction transaction, int version);

    /// <summary>
    /// Whether a failed transaction lost only a race with another writer (deadlock, serialization failure), so that
    /// running the same batch again is the right answer.
    /// </summary>
    public abstract bool IsRetryable(DbException exception);

    /// <summary>Runs SQL without parameters or results (DDL, pragmas).</summary>
    protected static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
