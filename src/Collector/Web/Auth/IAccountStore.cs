namespace Collector.Web.Auth;

/// <summary>A dashboard account: the name is what a person types, the hash is <see cref="PasswordHasher"/>'s.</summary>
public sealed record UserAccount(string Name, string PasswordHash, string Role, bool Disabled);

/// <summary>An API token as stored: only its SHA-256, the role it grants, and who made it.</summary>
public sealed record ApiTokenInfo(string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>Local accounts and API tokens, in the collector's database.</summary>
public interface IAccountStore
{
    int CountUsers();

    UserAccount? FindUser(string name);

    /// <summary>False when the name is taken.</summary>
    bool CreateUser(string name, string passwordHash, string role);

    void SetPassword(string name, string passwordHash);

    /// <summary>A disabled account cannot sign in, and its open sessions end at their next request.</summary>
    void SetDisabled(string name, bool disabled);

    IReadOnlyList<UserAccount> Users();

    ApiTokenInfo? FindToken(string tokenHash, DateTimeOffset usedAt);

    void CreateToken(string name, string tokenHash, string role, string createdBy, DateTimeOffset createdAt);

    IReadOnlyList<ApiTokenInfo> Tokens();
}
