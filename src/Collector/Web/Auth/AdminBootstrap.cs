namespace Collector.Web.Auth;

/// <summary>
/// The first admin, created at the first start (no accounts yet): user <c>admin</c> with the password from
/// <c>EDGE_ADMIN_PASSWORD</c>, or a generated one-time password printed once to standard output. Nothing is printed
/// or changed once any account exists.
/// </summary>
public static class AdminBootstrap
{
    public const string UserName = "admin";
    public const string PasswordVariable = "EDGE_ADMIN_PASSWORD";

    /// <summary>Returns the line to print (null when nothing was created or the password came from the environment).</summary>
    public static string? EnsureAdmin(IAccountStore accounts, string? passwordFromEnvironment)
    {
        if (accounts.CountUsers() > 0)
        {
            return null;
        }

        bool generated = string.IsNullOrEmpty(passwordFromEnvironment);
        string password = generated ? PasswordHasher.NewPassword() : passwordFromEnvironment!;
        if (password.Length < 12)
        {
            throw new Hosting.CollectorConfigException($"{PasswordVariable} must be at least 12 characters.");
        }

        if (!accounts.CreateUser(UserName, PasswordHasher.Hash(password), DashboardRoles.Admin))
        {
            // Another collector sharing the database made it a moment ago: its password stands, print nothing.
            return null;
        }

        return generated
            ? $"edge-collector: created the dashboard account '{UserName}' with the one-time password {password} (shown once; change it after signing in)"
            : $"edge-collector: created the dashboard account '{UserName}' with the password from {PasswordVariable}";
    }
}
