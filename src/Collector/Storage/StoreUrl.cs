using Npgsql;

namespace Collector.Storage;

/// <summary>
/// Where the collector keeps its events (<c>--db</c>): absent or <c>sqlite</c> for the SQLite file in the data
/// directory, or <c>postgres://user:password@host:port/dbname</c> (also <c>postgresql://</c>, with an optional
/// <c>?sslmode=disable|allow|prefer|require|verify-ca|verify-full</c>) for PostgreSQL. Parsed once at start, so a bad
/// value stops the collector before anything runs. Neither the parsed form's <see cref="ToString"/> nor any error
/// message carries the password.
/// </summary>
public sealed class StoreUrl
{
    private readonly NpgsqlConnectionStringBuilder? _postgres;

    private StoreUrl(NpgsqlConnectionStringBuilder? postgres) => _postgres = postgres;

    public bool IsPostgres => _postgres is not null;

    /// <summary>The Npgsql connection string (with the password); <see langword="null"/> for SQLite.</summary>
    public string? PostgresConnectionString => _postgres?.ConnectionString;

    /// <exception cref="FormatException">One line saying what is wrong, without the password.</exception>
    public static StoreUrl Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new StoreUrl(null);
        }

        return new StoreUrl(PostgresUrl.Parse(value.Trim()));
    }

    /// <summary>The store this names: SQLite at <paramref name="sqlitePath"/>, or PostgreSQL.</summary>
    public IEventStore Open(string sqlitePath, bool synchronousFull) =>
        _postgres is null ? new SqliteStore(sqlitePath, synchronousFull) : new PostgresStore(_postgres.ConnectionString);

    /// <summary><c>sqlite</c>, or the PostgreSQL URL without its password.</summary>
    public override string ToString() => _postgres is null ? "sqlite" : PostgresUrl.Describe(_postgres);
}
