using System.Data;

namespace Collector.Storage;

/// <summary>
/// One named parameter of a <see cref="StoreStatement{TRow}"/>: its <c>@name</c> in the SQL, its type (so both
/// providers bind and prepare it the same way, nulls included), and how its value is read from the row.
/// A <see langword="null"/> value is stored as SQL NULL.
/// </summary>
internal readonly record struct StoreParameter<TRow>(string Name, DbType Type, Func<TRow, object?> Value);
