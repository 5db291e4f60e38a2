using System.Net;
using System.Security.Cryptography.X509Certificates;
using Collector.Tests.Infrastructure;

namespace Collector.Tests.Web;

/// <summary>The dashboard over HTTPS (<c>--urls https://...</c>) with the collector's certificate; the session cookie is Secure.</summary>
public sealed class HttpsTests : IAsyncLifetime, IDisposable
{
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;
    private TestCollector _collector = null!;

    public async Task InitializeAsync() =>
        _collector = await TestCollector.StartAsync(_pki, _data, TestCollector.FreePort(), DashboardSession.AdminPasswordArgument, "--urls", "https://127.0.0.1:0");

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Sign_in_over_https_sets_a_secure_cookie()
    {
        Assert.Equal("https", _collector.BaseAddress.Scheme);
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
                return certificate is not null && Collector.Broker.ClientCertificateValidator.ChainsTo(_pki.Ca, certificate,
                    Collector.Broker.ClientCertificateValidator.ServerAuthenticationOid);
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = _collector.BaseAddress };

        HttpResponseMessage signedIn = await DashboardSession.SignInAsync(http, "admin", DashboardSession.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        string cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("edge.session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("CN=localhost", presented?.Subject);
        Assert.Equal("max-age=31536000", (await http.GetAsync("/login")).Headers.GetValues("Strict-Transport-Security").Single());
    }
}
