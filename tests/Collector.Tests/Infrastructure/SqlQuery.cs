using System.Data.Common;
using System.Globalization;

namespace Collector.Tests.Infrastructure;

/// <summary>Queries for asserts, on any ADO.NET connection (opened here); values rendered invariantly.</summary>
internal static class SqlQuery
{
    public static long Scalar(DbConnection connection, string sql)
    {
        using DbCommand command = Command(connection, sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row as text; NULL as <c>&lt;null&gt;</c>.</summary>
    public static List<string> Strings(DbConnection connection, string sql)
    {
        using DbCommand command = Command(connection, sql);
        using DbDataReader reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return result;
    }

    public static List<byte[]> Blobs(DbConnection connection, string sql)
    {
        using DbCommand command = Command(connection, sql);
        using DbDataReader reader = command.ExecuteReader();
        var result = new List<byte[]>();
        while (reader.Read())
        {
            result.Add((byte[])reader.GetValue(0));
        }

        return result;
    }

    public static void Execute(DbConnection connection, string sql)
    {
        using DbCommand command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        connection.Open();
        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
