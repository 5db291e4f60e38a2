using System.Data.Common;
using System.Globalization;
using Collector.Storage;
using Collector.Web.Auth;

using static Collector.Web.Data.DashboardSql;

namespace Collector.Web.Data;

/// <summary><see cref="IAccountStore"/> in the collector's database (tables <c>users</c> and <c>api_tokens</c>).</summary>
internal sealed class SqlAccountStore(StoreDialect dialect, TimeProvider time) : IAccountStore
{
    public int CountUsers()
    {
        using DbConnection c = Open();
        return (int)Count(c, "SELECT count(*) FROM users");
    }

    public UserAccount? FindUser(string name)
    {
        using DbConnection c = Open();
        using DbCommand command = Command(c, null, "SELECT name, password_hash, role, disabled, stamp FROM users WHERE name = @name", ("@name", name));
        using DbDataReader r = command.ExecuteReader();
        return r.Read() ? ReadUser(r) : null;
    }

    public bool CreateUser(string name, string passwordHash, string role)
    {
        using DbConnection c = Open();
        using DbCommand command = Command(c, null, """
            INSERT INTO users (name, password_hash, role, disabled, created_at, stamp) VALUES (@name, @hash, @role, 0, @now, @stamp)
            ON CONFLICT (name) DO NOTHING
            """, ("@name", name), ("@hash", passwordHash), ("@role", role), ("@now", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@stamp", NewStamp()));
        return command.ExecuteNonQuery() == 1;
    }

    public void SetPassword(string name, string passwordHash)
    {
        using DbConnection c = Open();
        using DbCommand command = Command(c, null, "UPDATE users SET password_hash = @hash, stamp = @stamp WHERE name = @name",
            ("@name", name), ("@hash", passwordHash), ("@stamp", NewStamp()));
        command.ExecuteNonQuery();
    }

    public void SetDisabled(string name, bool disabled)
    {
        using DbConnection c = Open();
        using DbCommand command = Command(c, null, "UPDATE users SET disabled = @d, stamp = @stamp WHERE name = @name",
            ("@name", name), ("@d", disabled ? 1 : 0), ("@stamp", NewStamp()));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<UserAccount> Users()
    {
        using DbConnection c = Open();
        using DbCommand command = Command(c, null, "SELECT name, password_hash, role, disabled, stamp FROM users ORDER BY name");
        using DbDataReader r = command.ExecuteReader();
        var result = new List<UserAccount>();
        while (r.Read())
        {
            result.Add(ReadUser(r));
        }

        return result;
    }

    public ApiTokenInfo? FindToken(string tokenHash, DateTimeOffset usedAt)
    {
        using DbConnection c = Open();
        ApiTokenInfo? info;
        // A token made by an admin who is disabled (or gone) stops working with them.
        using (DbCommand command = Command(c, null, """
            SELECT t.name, t.role, t.created_by, t.created_at, t.last_used_at FROM api_tokens t
            JOIN users u ON u.name = t.created_by AND u.disabled = 0
            WHERE t.token_hash = @h
            """, ("@h", tokenHash)))
        using (DbDataReader r = command.ExecuteReader())
        {
            info = r.Read() ? Read(r) : null;
        }

        if (info is not null && (info.LastUsedAt is null || usedAt - info.LastUsedAt > TimeSpan.FromMinutes(1)))
        {
            using DbCommand touch = Command(c, null, "UPDATE api_tokens SET last_used_at = @t WHERE token_hash = @h", ("@h", tokenHash), ("@t", usedAt.ToUnixTimeMilliseconds()));
            touch.ExecuteNonQuery();
        }

        return info;
    }

    public void CreateToken(string name, string tokenHash, string role, string createdBy, DateTimeOffset createdAt)
    {
        using DbConnection c = Open();
        using DbCommand command = Command(c, null, """
            INSERT INTO api_tokens (token_hash, name, role, created_by, created_at) VALUES (@h, @name, @role, @by, @at)
            """, ("@h", tokenHash), ("@name", name), ("@role", role), ("@by", createdBy), ("@at", createdAt.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public bool RevokeToken(string name)
    {
        using DbConnection c = Open();
        using DbCommand command = Command(c, null, "DELETE FROM api_tokens WHERE name = @name", ("@name", name));
        return command.ExecuteNonQuery() > 0;
    }

    public IReadOnlyList<ApiTokenInfo> Tokens()
    {
        using DbConnection c = Open();
        using DbCommand command = Command(c, null, "SELECT name, role, created_by, created_at, last_used_at FROM api_tokens ORDER BY created_at");
        using DbDataReader r = command.ExecuteReader();
        var result = new List<ApiTokenInfo>();
        while (r.Read())
        {
            result.Add(Read(r));
        }

        return result;
    }

    private static UserAccount ReadUser(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture) != 0, r.GetString(4));

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static ApiTokenInfo Read(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));

    private DbConnection Open() => DashboardSql.Open(dialect);
}
