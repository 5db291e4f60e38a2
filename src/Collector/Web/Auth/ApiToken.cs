using System.Security.Cryptography;
using System.Text;

namespace Collector.Web.Auth;

/// <summary>
/// API tokens for scripts: <c>edge_</c> + 32 random bytes (base64url), shown once when created. Only the SHA-256 of a
/// token is stored (a token is long and random, so a fast hash is enough), and lookups go by that hash.
/// </summary>
public static class ApiToken
{
    public const string Prefix = "edge_";

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool LooksLikeToken(string? value) => value is { Length: > 20 } && value.StartsWith(Prefix, StringComparison.Ordinal);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
