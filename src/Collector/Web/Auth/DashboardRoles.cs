namespace Collector.Web.Auth;

/// <summary>The two roles: viewers read everything; admins also change incidents, accounts and tokens.</summary>
public static class DashboardRoles
{
    public const string Viewer = "viewer";
    public const string Admin = "admin";

    /// <summary>Authorization policy for changes (incident workflow, accounts, tokens).</summary>
    public const string CanChange = "can-change";

    /// <summary>Authorization policy for API writes: an admin API token (never a browser session, so no CSRF).</summary>
    public const string TokenAdmin = "token-admin";

    public static bool IsValid(string? role) => role is Viewer or Admin;
}
