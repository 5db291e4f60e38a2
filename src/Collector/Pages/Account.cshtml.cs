using System.Text.RegularExpressions;
using Collector.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages;

/// <summary>Own password; for admins also users and API tokens (a new token is shown once, only its hash is kept).</summary>
public sealed partial class AccountModel(IAccountStore accounts, IAuthorizationService authorization, SignInThrottle throttle, TimeProvider time) : PageModel
{
    public string? Message { get; private set; }

    public string? NewToken { get; private set; }

    public bool IsAdmin { get; private set; }

    public IReadOnlyList<UserAccount> Users { get; private set; } = [];

    public IReadOnlyList<ApiTokenInfo> Tokens { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPasswordAsync(string current, string newPassword)
    {
        string name = User.Identity!.Name!;

        // The current password is checked like a sign-in: throttled, so a stolen session cannot guess it freely.
        switch (throttle.TryBegin(SignInThrottle.Key(name, HttpContext.Connection.RemoteIpAddress)))
        {
            case SignInThrottle.Refusal.LockedOut:
                Message = "Too many wrong passwords; wait a minute and try again.";
                await LoadAsync();
                return Page();
            case SignInThrottle.Refusal.Busy:
                Message = "Too many password checks at once; try again in a moment.";
                await LoadAsync();
                return Page();
        }

        bool right;
        try
        {
            right = accounts.FindUser(name) is { } me && PasswordHasher.Verify(current ?? string.Empty, me.PasswordHash);
        }
        finally
        {
            throttle.End();
        }

        if (!right)
        {
            Message = "The current password is wrong.";
        }
        else if ((newPassword ?? string.Empty).Length < 12)
        {
            throttle.Succeeded(SignInThrottle.Key(name, HttpContext.Connection.RemoteIpAddress));
            Message = "The new password must be at least 12 characters.";
        }
        else
        {
            throttle.Succeeded(SignInThrottle.Key(name, HttpContext.Connection.RemoteIpAddress));
            accounts.SetPassword(name, PasswordHasher.Hash(newPassword!));

            // The new stamp ends every other session of this account; this one continues with a fresh cookie.
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionPrincipal.For(accounts.FindUser(name)!));
            Message = "Password changed; your other sessions have ended.";
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string tokenToRevoke)
    {
        if (!(await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded)
        {
            return Forbid();
        }

        Message = accounts.RevokeToken(tokenToRevoke ?? string.Empty) ? $"Token {tokenToRevoke} revoked." : $"No token named {tokenToRevoke}.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUserAsync(string newUser, string newUserPassword, string newUserRole)
    {
        if (!(await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded)
        {
            return Forbid();
        }

        Message = !NamePattern().IsMatch(newUser ?? string.Empty) || !DashboardRoles.IsValid(newUserRole) || (newUserPassword ?? string.Empty).Length < 12
            ? "A user needs a name of letters, digits, '.', '_' or '-', a role, and a password of 12+ characters."
            : accounts.CreateUser(newUser!, PasswordHasher.Hash(newUserPassword!), newUserRole) ? $"User {newUser} added." : $"User {newUser} exists.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string userToChange, bool disable)
    {
        if (!(await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded)
        {
            return Forbid();
        }

        if (string.Equals(userToChange, User.Identity!.Name, StringComparison.Ordinal) || accounts.FindUser(userToChange ?? string.Empty) is null)
        {
            Message = "You cannot disable your own account, or an account that does not exist.";
        }
        else
        {
            accounts.SetDisabled(userToChange!, disable);
            Message = disable ? $"User {userToChange} disabled; their sessions end now." : $"User {userToChange} enabled.";
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTokenAsync(string tokenName, string tokenRole)
    {
        if (!(await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded)
        {
            return Forbid();
        }

        if (!NamePattern().IsMatch(tokenName ?? string.Empty) || !DashboardRoles.IsValid(tokenRole))
        {
            Message = "A token needs a name of letters, digits, '.', '_' or '-' and a role.";
        }
        else if (accounts.Tokens().Any(t => t.Name == tokenName))
        {
            Message = $"A token named {tokenName} exists; revoke it first or choose another name.";
        }
        else
        {
            string token = ApiToken.New();
            accounts.CreateToken(tokenName!, ApiToken.HashOf(token), tokenRole, User.Identity!.Name!, time.GetUtcNow());
            NewToken = token;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        IsAdmin = (await authorization.AuthorizeAsync(User, DashboardRoles.CanChange)).Succeeded;
        if (IsAdmin)
        {
            Users = accounts.Users();
            Tokens = accounts.Tokens();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
