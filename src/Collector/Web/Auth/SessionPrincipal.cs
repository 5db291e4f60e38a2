using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Collector.Web.Auth;

/// <summary>
/// What a session cookie carries: the account's name, role and security stamp. The stamp changes when the password
/// changes or the account is disabled, so every other session of that account ends at its next request.
/// </summary>
public static class SessionPrincipal
{
    public const string StampClaim = "edge:stamp";

    public static ClaimsPrincipal For(UserAccount account) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role), new Claim(StampClaim, account.Stamp)],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>True while the account behind <paramref name="principal"/> is enabled, in the same role, with the same stamp.</summary>
    public static bool StillValid(ClaimsPrincipal principal, UserAccount? account) =>
        account is { Disabled: false }
        && principal.IsInRole(account.Role)
        && string.Equals(principal.FindFirstValue(StampClaim), account.Stamp, StringComparison.Ordinal);
}
