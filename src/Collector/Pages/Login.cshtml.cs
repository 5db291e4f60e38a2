using System.Security.Claims;
using Collector.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages;

/// <summary>Local accounts: user name and password, checked against the salted PBKDF2 hash; a cookie session on success.</summary>
[AllowAnonymous]
public sealed class LoginModel(IAccountStore accounts, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        string name = (UserName ?? string.Empty).Trim();
        if (!throttle.MayTry(name))
        {
            Error = "Too many failed attempts; wait a minute and try again.";
            return Page();
        }

        UserAccount? account = name.Length == 0 ? null : accounts.FindUser(name);
        // Hash even for an unknown user, so timing does not tell which names exist.
        bool ok = PasswordHasher.Verify(Password ?? string.Empty, account?.PasswordHash ?? DummyHash.Value) && account is { Disabled: false };
        if (!ok)
        {
            throttle.Failed(name);
            Error = "Wrong user name or password.";
            return Page();
        }

        throttle.Succeeded(name);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account!.Name), new Claim(ClaimTypes.Role, account.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash(PasswordHasher.NewPassword()));
}
