using Npgsql;

namespace Collector.Tests.Infrastructure;

/// <summary>One empty database on the <see cref="PostgresServer"/>: its URL for <c>--db</c>, and queries for the asserts.</summary>
public sealed class PostgresDatabase(string connectionString, string url)
{
    /// <summary>Npgsql connection string (no pooling, so nothing stays connected after a query).</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary><c>postgres://postgres:...@127.0.0.1:port/name?sslmode=disable</c>, as <c>--db</c> takes it.</summary>
    public string Url { get; } = url;

    public long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        return SqlQuery.Scalar(connection, sql);
    }

    public List<string> Strings(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        return SqlQuery.Strings(connection, sql);
    }

    public List<byte[]> Blobs(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        return SqlQuery.Blobs(connection, sql);
    }

    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        SqlQuery.Execute(connection, sql);
    }
}
