using System.Net;
using System.Net.Http.Json;
using Collector.Tests.Infrastructure;
using Collector.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Collector.Tests.Web;

/// <summary>
/// No anonymous access: every route the app maps (enumerated from its endpoint data source, so a new page or API
/// route is covered without editing this test) answers a request without a session or token with 401 (API, OpenAPI,
/// ingest status) or a redirect to sign-in (pages); only the sign-in page itself is open.
/// </summary>
public sealed class AccessControlTests : IAsyncLifetime, IDisposable
{
    private const string AdminPassword = "test-admin-password-1";
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;
    private TestCollector _collector = null!;

    public async Task InitializeAsync() =>
        _collector = await TestCollector.StartAsync(_pki, _data, TestCollector.FreePort(), $"--{AdminBootstrap.PasswordVariable}={AdminPassword}");

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Every_route_refuses_a_request_without_a_session_or_token()
    {
        List<(string Method, string Path, bool Anonymous)> routes = Routes();
        Assert.True(routes.Count >= 15, $"only {routes.Count} routes found");
        // Anonymous: the sign-in page, and the CA certificate (public; sensors and brokers pin it by its fingerprint).
        Assert.Equal(["/login", "/pki/ca.pem"], routes.Where(r => r.Anonymous).Select(r => r.Path).Distinct().Order(StringComparer.Ordinal));
        using (HttpClient anonymous = _collector.Http())
        {
            string pem = await anonymous.GetStringAsync("/pki/ca.pem");
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", pem, StringComparison.Ordinal);
        }


        using HttpClient http = _collector.Http();
        foreach ((string method, string path, bool anonymous) in routes.Where(r => !r.Anonymous))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using HttpResponseMessage response = await http.SendAsync(request);
            bool machine = path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal)
                || path.StartsWith("/ingest", StringComparison.Ordinal);
            if (machine)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path}: {(int)response.StatusCode}");
                Assert.StartsWith("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_wrong_token_or_a_forged_cookie_is_refused()
    {
        using HttpClient http = _collector.Http();
        http.DefaultRequestHeaders.Authorization = new("Bearer", ApiToken.New());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/incidents")).StatusCode);

        using HttpClient forged = _collector.Http();
        forged.DefaultRequestHeaders.Add("Cookie", "edge.session=CfDJ8forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/assets")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await forged.GetAsync("/assets")).StatusCode);
    }

    [Fact]
    public async Task The_first_admin_signs_in_and_reaches_pages_and_api()
    {
        using HttpClient http = _collector.Http();
        Assert.Equal(HttpStatusCode.OK, (await SignIn(http, "admin", "wrong password!")).StatusCode); // the form again, with an error
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/")).StatusCode);

        HttpResponseMessage signedIn = await SignIn(http, "admin", AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        string cookie = string.Join(";", signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        foreach (string page in new[] { "/", "/incidents", "/assets", "/map", "/sensors", "/account", "/api/overview", "/api/incidents", "/api/assets", "/api/sensors", "/api/anomalies", "/openapi/v1.json", "/ingest/status" })
        {
            HttpResponseMessage response = await http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        HttpResponseMessage home = await http.GetAsync("/");
        Assert.Contains("default-src 'self'", home.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using HttpClient http = _collector.Http();
        await SignIn(http, "admin", AdminPassword);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "acknowledge" });
        HttpResponseMessage response = await http.PostAsync("/incidents/s1/i1", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_cannot_change_and_is_signed_out_when_disabled()
    {
        var accounts = _collector.Services.GetRequiredService<IAccountStore>();
        Assert.True(accounts.CreateUser("olga", PasswordHasher.Hash("viewer password 1", iterations: 1000), DashboardRoles.Viewer));
        using HttpClient viewer = _collector.Http();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(viewer, "olga", "viewer password 1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/assets")).StatusCode);

        string account = await viewer.GetStringAsync("/account");
        Assert.DoesNotContain("API tokens", account, StringComparison.Ordinal);
        using var change = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["TokenName"] = "sneaky",
            ["TokenRole"] = "admin",
            ["__RequestVerificationToken"] = DashboardSession.AntiforgeryToken(account),
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/account?handler=Token", change)).StatusCode);
        Assert.Empty(accounts.Tokens());

        accounts.SetDisabled("olga", true);
        HttpResponseMessage after = await viewer.GetAsync("/assets");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(viewer, "olga", "viewer password 1")).StatusCode); // the form again: refused
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using HttpClient http = _collector.Http();
        await SignIn(http, "admin", AdminPassword);
        string home = await http.GetStringAsync("/");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = DashboardSession.AntiforgeryToken(home) });
        HttpResponseMessage signedOut = await http.PostAsync("/logout", form);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/assets")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_the_accounts_other_sessions_and_keeps_this_one()
    {
        var accounts = _collector.Services.GetRequiredService<IAccountStore>();
        Assert.True(accounts.CreateUser("petra", PasswordHasher.Hash("first password 1", iterations: 1000), DashboardRoles.Viewer));
        using HttpClient laptop = _collector.Http();
        using HttpClient stolen = _collector.Http();
        await SignIn(laptop, "petra", "first password 1");
        await SignIn(stolen, "petra", "first password 1");

        string page = await laptop.GetStringAsync("/account");
        using var change = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Current"] = "first password 1",
            ["NewPassword"] = "second password 2",
            ["__RequestVerificationToken"] = DashboardSession.AntiforgeryToken(page),
        });
        HttpResponseMessage changed = await laptop.PostAsync("/account?handler=Password", change);
        Assert.Contains("Password changed", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/assets")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stolen.GetAsync("/assets")).StatusCode);
    }

    [Fact]
    public async Task A_token_stops_working_when_revoked_or_when_its_admin_is_disabled()
    {
        var accounts = _collector.Services.GetRequiredService<IAccountStore>();
        Assert.True(accounts.CreateUser("alice", PasswordHasher.Hash("alice password 1", iterations: 1000), DashboardRoles.Admin));
        string first = ApiToken.New();
        accounts.CreateToken("nightly-report", ApiToken.HashOf(first), DashboardRoles.Viewer, "alice", DateTimeOffset.UtcNow);
        string second = ApiToken.New();
        accounts.CreateToken("siem-export", ApiToken.HashOf(second), DashboardRoles.Viewer, "alice", DateTimeOffset.UtcNow);
        using HttpClient one = _collector.Http();
        one.DefaultRequestHeaders.Authorization = new("Bearer", first);
        using HttpClient two = _collector.Http();
        two.DefaultRequestHeaders.Authorization = new("Bearer", second);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/incidents")).StatusCode);

        Assert.True(accounts.RevokeToken("nightly-report"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await one.GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync("/api/incidents")).StatusCode);

        accounts.SetDisabled("alice", true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await two.GetAsync("/api/incidents")).StatusCode);
    }

    [Fact]
    public async Task A_name_no_account_can_have_is_refused_before_any_lookup_and_guesses_are_limited()
    {
        using HttpClient http = _collector.Http();
        HttpResponseMessage huge = await SignIn(http, new string('a', 100_000), "whatever password");
        Assert.Contains("Wrong user name or password.", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Five wrong guesses in parallel use the name's attempts; the sixth is refused even with the right password.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using HttpClient guesser = _collector.Http();
            await SignIn(guesser, "admin", "not the password");
        }));
        HttpResponseMessage locked = await SignIn(http, "admin", AdminPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("Too many failed attempts", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The administrator at another address is not locked out by the guesser's attempts.
        using HttpClient elsewhere = FromAddress(IPAddress.Parse("127.0.0.2"));
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(elsewhere, "admin", AdminPassword)).StatusCode);
    }

    /// <summary>A client whose connections come from <paramref name="local"/> (any 127/8 address is this machine).</summary>
    private HttpClient FromAddress(IPAddress local) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = _collector.BaseAddress,
    };

    [Fact]
    public async Task Api_writes_need_an_admin_token_not_a_browser_session()
    {
        using HttpClient http = _collector.Http();
        await SignIn(http, "admin", AdminPassword);
        HttpResponseMessage bySession = await http.PostAsJsonAsync("/api/incidents/s1/i1/actions", new { action = "acknowledge" });
        Assert.Equal(HttpStatusCode.Unauthorized, bySession.StatusCode);

        var accounts = _collector.Services.GetRequiredService<IAccountStore>();
        string viewerToken = ApiToken.New();
        accounts.CreateToken("script-viewer", ApiToken.HashOf(viewerToken), DashboardRoles.Viewer, "admin", DateTimeOffset.UtcNow);
        string adminToken = ApiToken.New();
        accounts.CreateToken("script-admin", ApiToken.HashOf(adminToken), DashboardRoles.Admin, "admin", DateTimeOffset.UtcNow);

        using HttpClient viewer = _collector.Http();
        viewer.DefaultRequestHeaders.Authorization = new("Bearer", viewerToken);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/incidents/s1/i1/actions", new { action = "acknowledge" })).StatusCode);

        using HttpClient admin = _collector.Http();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/incidents/s1/i1/actions", new { action = "acknowledge" })).StatusCode);
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient http, string user, string password) => DashboardSession.SignInAsync(http, user, password);

    private List<(string Method, string Path, bool Anonymous)> Routes()
    {
        var source = _collector.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<(string, string, bool)>();
        foreach (RouteEndpoint e in source.Endpoints.OfType<RouteEndpoint>())
        {
            string path = "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "documentName" } => "v1",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart pp => "x-" + pp.Name,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart sp => sp.Content,
                _ => string.Empty,
            }))));
            bool anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            IReadOnlyList<string> methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (string method in methods)
            {
                routes.Add((method, path, anonymous));
            }
        }

        return routes;
    }
}
