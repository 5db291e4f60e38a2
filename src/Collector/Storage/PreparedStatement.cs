using System.Data.Common;

namespace Collector.Storage;

/// <summary>
/// A <see cref="StoreStatement{TRow}"/> prepared on one connection: the command and its parameters are made once and
/// reused by every batch; <see cref="Execute"/> binds a row and runs it in the current transaction.
/// </summary>
internal sealed class PreparedStatement<TRow> : IPreparedStatement
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;
    private readonly Func<TRow, object?>[] _values;

    public PreparedStatement(DbConnection connection, StoreStatement<TRow> statement)
    {
        _command = connection.CreateCommand();
        _command.CommandText = statement.Sql;
        _parameters = new DbParameter[statement.Parameters.Count];
        _values = new Func<TRow, object?>[statement.Parameters.Count];
        for (int i = 0; i < _parameters.Length; i++)
        {
            StoreParameter<TRow> definition = statement.Parameters[i];
            DbParameter parameter = _command.CreateParameter();
            parameter.ParameterName = definition.Name;
            parameter.DbType = definition.Type;
            parameter.Value = DBNull.Value;
            _command.Parameters.Add(parameter);
            _parameters[i] = parameter;
            _values[i] = definition.Value;
        }

        _command.Prepare();
    }

    public DbTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    /// <summary>Binds <paramref name="row"/> and runs the statement; returns the rows it changed.</summary>
    public int Execute(TRow row)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = _values[i](row) ?? DBNull.Value;
        }

        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
