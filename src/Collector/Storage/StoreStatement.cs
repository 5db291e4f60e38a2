using System.Data.Common;

namespace Collector.Storage;

/// <summary>
/// A statement as data: SQL text with <c>@name</c> placeholders (Microsoft.Data.Sqlite and Npgsql both read them) and
/// the ordered parameters that bind one <typeparamref name="TRow"/>. Defined once in <see cref="WriteStatements"/>,
/// prepared once per connection.
/// </summary>
internal sealed class StoreStatement<TRow>(string sql, params StoreParameter<TRow>[] parameters)
{
    public string Sql { get; } = sql;

    public IReadOnlyList<StoreParameter<TRow>> Parameters { get; } = parameters;

    public PreparedStatement<TRow> Prepare(DbConnection connection) => new(connection, this);
}
