namespace Collector.Web.Auth;

/// <summary>
/// A dashboard account: the name is what a person types, the hash is <see cref="PasswordHasher"/>'s, the stamp a random
/// value renewed when the password changes or the account is disabled (<see cref="SessionPrincipal"/>).
/// </summary>
public sealed record UserAccount(string Name, string PasswordHash, string Role, bool Disabled, string Stamp);

/// <summary>An API token as stored: only its SHA-256, the role it grants, and who made it.</summary>
public sealed record ApiTokenInfo(string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>Local accounts and API tokens, in the collector's database.</summary>
public interface IAccountStore
{
    int CountUsers();

    UserAccount? FindUser(string name);

    /// <summary>False when the name is taken.</summary>
    bool CreateUser(string name, string passwordHash, string role);

    /// <summary>Sets the password and renews the stamp: every session of the account ends.</summary>
    void SetPassword(string name, string passwordHash);

    /// <summary>A disabled account cannot sign in, its open sessions end at their next request, its API tokens stop working.</summary>
    void SetDisabled(string name, bool disabled);

    IReadOnlyList<UserAccount> Users();

    /// <summary>The token, unless it was revoked or the admin who made it is disabled.</summary>
    ApiTokenInfo? FindToken(string tokenHash, DateTimeOffset usedAt);

    /// <summary>False when no token has that name.</summary>
    bool RevokeToken(string name);

    void CreateToken(string name, string tokenHash, string role, string createdBy, DateTimeOffset createdAt);

    IReadOnlyList<ApiTokenInfo> Tokens();
}
