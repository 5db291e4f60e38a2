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
        if (!SignInThrottle.IsPlausibleName(name))
        {
            // Nothing else is done with a name no account can have: no lookup, no hash, no entry in the throttle.
            Error = "Wrong user name or password.";
            return Page();
        }

        switch (throttle.TryBegin(SignInThrottle.Key(name, HttpContext.Connection.RemoteIpAddress)))
        {
            case SignInThrottle.Refusal.LockedOut:
                Error = "Too many failed attempts; wait a minute and try again.";
                return Page();
            case SignInThrottle.Refusal.Busy:
                Error = "Too many sign-ins at once; try again in a moment.";
                return Page();
        }

        UserAccount? account;
        bool ok;
        try
        {
            account = accounts.FindUser(name);
            // Hash even for an unknown user, so timing does not tell which names exist.
            ok = PasswordHasher.Verify(Password ?? string.Empty, account?.PasswordHash ?? DummyHash.Value) && account is { Disabled: false };
        }
        finally
        {
            throttle.End();
        }

        if (!ok)
        {
            Error = "Wrong user name or password.";
            return Page();
        }

        throttle.Succeeded(SignInThrottle.Key(name, HttpContext.Connection.RemoteIpAddress));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionPrincipal.For(account!));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash(PasswordHasher.NewPassword()));
}
