using System.Globalization;
using Npgsql;

namespace Collector.Storage;

/// <summary>
/// libpq's URL form, <c>postgres[ql]://[user[:password]@]host[:port]/dbname[?sslmode=...]</c>, into an Npgsql
/// connection string. User and password may be percent-encoded. Errors name the part that is wrong, never its
/// value when that could be the password.
/// </summary>
internal static class PostgresUrl
{
    public const int DefaultPort = 5432;

    public static NpgsqlConnectionStringBuilder Parse(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        string scheme = schemeEnd < 0 ? string.Empty : url[..schemeEnd];
        if (!scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("expected sqlite or postgres://user:password@host:port/dbname (also postgresql://).");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("not a valid postgres:// URL; expected postgres://user:password@host:port/dbname.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
        };

        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            string user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (user.Length == 0)
            {
                throw new FormatException("postgres URL: the user name before ':' is empty.");
            }

            builder.Username = user;
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException("postgres URL: the database name is missing (postgres://user:password@host:port/dbname).");
        }

        builder.Database = database;
        if (uri.Fragment.Length > 0)
        {
            throw new FormatException("postgres URL: a '#fragment' has no meaning here.");
        }

        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!key.Equals("sslmode", StringComparison.Ordinal))
            {
                throw new FormatException($"postgres URL: unsupported parameter '{key}' (only sslmode is read).");
            }

            builder.SslMode = SslModeOf(value);
        }

        return builder;
    }

    /// <summary>The URL a person can read in a log: user, host, port, database, SSL mode; the password as <c>***</c>.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        string user = builder.Username is null ? string.Empty
            : Uri.EscapeDataString(builder.Username) + (builder.Password is null ? string.Empty : ":***") + "@";
        string host = builder.Host?.Contains(':', StringComparison.Ordinal) == true ? $"[{builder.Host}]" : builder.Host ?? string.Empty;
        string ssl = builder.SslMode == SslMode.Prefer ? string.Empty : "?sslmode=" + SslModeName(builder.SslMode);
        return string.Create(CultureInfo.InvariantCulture, $"postgres://{user}{host}:{builder.Port}/{Uri.EscapeDataString(builder.Database ?? string.Empty)}{ssl}");
    }

    private static SslMode SslModeOf(string value) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new FormatException($"postgres URL: sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full."),
    };

    private static string SslModeName(SslMode mode) => mode switch
    {
        SslMode.Disable => "disable",
        SslMode.Allow => "allow",
        SslMode.Require => "require",
        SslMode.VerifyCA => "verify-ca",
        SslMode.VerifyFull => "verify-full",
        _ => "prefer",
    };
}
