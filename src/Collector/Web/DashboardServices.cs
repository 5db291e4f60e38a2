using Collector.Web.Api;
using Collector.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.FileProviders;

namespace Collector.Web;

/// <summary>
/// The dashboard: Razor Pages, the JSON API, sign-in. Nothing but <c>/login</c> and the static files (CSS, scripts,
/// vendored libraries: no data) is reachable without a session cookie or an API token: the fallback authorization
/// policy requires an authenticated user on every endpoint, pages redirect to sign-in, <c>/api</c> answers 401.
/// </summary>
public static class DashboardServices
{
    public const string Scheme = "edge";

    public static IServiceCollection AddDashboard(this IServiceCollection services, string dataDirectory)
    {
        // Session cookies are sealed with keys kept beside the database: they survive a restart, and stay with this collector.
        var keys = new DirectoryInfo(Path.Combine(dataDirectory, "keys"));
        keys.Create();
        if (!OperatingSystem.IsWindows())
        {
            keys.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        services.AddDataProtection()
            .SetApplicationName("edge-collector")
            .PersistKeysToFileSystem(keys);
        // The application part is named: under a test host the entry assembly is not the collector.
        services.AddRazorPages().AddApplicationPart(typeof(DashboardServices).Assembly);
        services.AddSingleton<SignInThrottle>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "session cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "edge.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the dashboard is served over HTTPS (--urls https://...). Behind a TLS proxy, start the
                // collector with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so the proxy's X-Forwarded-Proto counts.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
                o.Events.OnValidatePrincipal = StillAllowedAsync;
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    // Signed in but not allowed (a viewer posting a change): 403 everywhere, no page to redirect to.
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(DashboardRoles.CanChange, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin))
            .AddPolicy(DashboardRoles.TokenAdmin, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "edge.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddOpenApi();
        return services;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Scripts only from our own files (no inline script can run even if markup slipped through escaping).
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.IsHttps)
            {
                context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
            }
            if (!context.Request.Path.StartsWithSegments("/lib") && !context.Request.Path.StartsWithSegments("/css")
                && !context.Request.Path.StartsWithSegments("/js"))
            {
                // Pages and API answers hold plant data: no cache keeps them after the session ends. Written as
                // antiforgery writes it on pages with a form ("no-cache, no-store" and Pragma "no-cache"), which
                // otherwise logs a warning on every page view that its headers replaced ours.
                context.Response.Headers.CacheControl = "no-cache, no-store";
                context.Response.Headers.Pragma = "no-cache";
            }
            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")),
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapDashboardApi();
        Provisioning.ProvisioningEndpoints.MapProvisioning(app);
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    /// <summary>
    /// Every request re-reads the account behind a session cookie: a disabled or deleted account, one whose role
    /// changed, or one whose password changed since the session began (its stamp) is signed out at once.
    /// </summary>
    private static async Task StillAllowedAsync(CookieValidatePrincipalContext context)
    {
        string? name = context.Principal?.Identity?.Name;
        IAccountStore accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        if (name is null || !SessionPrincipal.StillValid(context.Principal!, accounts.FindUser(name)))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi")
            || context.Request.Path.StartsWithSegments("/ingest"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        // Relative, so the Host header a request came with never picks where the browser is sent.
        PathString here = context.Request.PathBase + context.Request.Path;
        context.Response.Redirect("/login?ReturnUrl=" + Uri.EscapeDataString(here + context.Request.QueryString.ToString()));
        return Task.CompletedTask;
    }
}
