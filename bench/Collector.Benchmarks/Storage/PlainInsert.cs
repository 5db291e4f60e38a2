using System.Data;
using System.Data.Common;
using Collector.Storage;

namespace Collector.Benchmarks.Storage;

/// <summary>
/// The reference each store is measured against, on the same database kind with the same durability: one table
/// (<c>message_id</c> primary key, <c>payload</c>), one prepared <c>INSERT</c> per message, one transaction per batch.
/// What any store that keeps the payload and refuses a second copy must do at least.
/// </summary>
public sealed class PlainInsert : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbCommand _insert;
    private readonly DbParameter _id;
    private readonly DbParameter _payload;

    /// <param name="connection">Open, with the session settings of the store it is compared with.</param>
    public PlainInsert(DbConnection connection)
    {
        _connection = connection;
        using (DbCommand create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS plain_messages (message_id TEXT NOT NULL PRIMARY KEY, payload TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }

        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO plain_messages (message_id, payload) VALUES (@id, @payload)";
        _id = Parameter("@id");
        _payload = Parameter("@payload");
        _insert.Prepare();
    }

    /// <summary>Inserts the batch in one transaction; returns the rows inserted.</summary>
    public int Write(List<StoredMessage> batch)
    {
        using DbTransaction transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        int rows = 0;
        foreach (StoredMessage message in batch)
        {
            _id.Value = message.MessageId;
            _payload.Value = message.PayloadJson;
            rows += _insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return rows;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }

    private DbParameter Parameter(string name)
    {
        DbParameter parameter = _insert.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.String;
        parameter.Value = DBNull.Value;
        _insert.Parameters.Add(parameter);
        return parameter;
    }
}
