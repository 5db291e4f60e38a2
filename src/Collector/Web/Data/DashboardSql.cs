using System.Data.Common;
using System.Globalization;
using Collector.Storage;

namespace Collector.Web.Data;

/// <summary>The few ADO.NET steps the dashboard's readers and the account store share (one connection per call).</summary>
internal static class DashboardSql
{
    /// <summary>A new, open connection to the store's database (SQLite: a reader beside the writer; PostgreSQL: pooled).</summary>
    public static DbConnection Open(StoreDialect dialect)
    {
        DbConnection connection = dialect.CreateConnection();
        dialect.Open(connection);
        return connection;
    }

    public static IEnumerable<DbDataReader> Rows(DbConnection c, string sql, params (string Name, object Value)[] parameters) => Rows(c, null, sql, parameters);

    /// <summary>Rows read inside <paramref name="t"/> (SQLite refuses a command without it while the connection has one open).</summary>
    public static IEnumerable<DbDataReader> Rows(DbConnection c, DbTransaction? t, string sql, params (string Name, object Value)[] parameters)
    {
        using DbCommand command = Command(c, t, sql, parameters);
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader;
        }
    }

    public static long Count(DbConnection c, string sql, params (string Name, object Value)[] parameters) => Count(c, sql, null, parameters);

    public static long Count(DbConnection c, string sql, DbTransaction? t, params (string Name, object Value)[] parameters)
    {
        using DbCommand command = Command(c, t, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static string? Text(DbConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using DbCommand command = Command(c, null, sql, parameters);
        return command.ExecuteScalar() as string;
    }

    public static int Execute(DbConnection c, DbTransaction t, string sql, params (string Name, object Value)[] parameters)
    {
        using DbCommand command = Command(c, t, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>A command with those of <paramref name="parameters"/> that <paramref name="sql"/> names (callers pass a shared list).</summary>
    public static DbCommand Command(DbConnection c, DbTransaction? t, string sql, params (string Name, object Value)[] parameters)
    {
        DbCommand command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            if (!sql.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            DbParameter p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        return command;
    }
}
