using System.Net;
using System.Net.Sockets;
using Collector.Broker;
using Collector.Hosting;
using Collector.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Collector.Tests.Infrastructure;

/// <summary>The real collector app (command line, broker, ingest, SQLite) on a loopback port and a temp data dir.</summary>
internal sealed class TestCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestCollector(WebApplication app, string dataDirectory, int port)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public IngestCounters Counters => _app.Services.GetRequiredService<IngestCounters>();

    public IServiceProvider Services => _app.Services;

    /// <summary>The dashboard's address (Kestrel bound port 0 to a free port).</summary>
    public Uri BaseAddress => new(_app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>An HTTP client for the dashboard that does not follow redirects (tests look at them).</summary>
    public HttpClient Http(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };

    public string DatabasePath => Path.Combine(DataDirectory, "collector.db");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<TestCollector> StartAsync(TestPki pki, string dataDirectory, int port, params string[] extra)
    {
        string[] args =
        [
            "--data", dataDirectory, "--mqtt-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--mqtt-bind", "127.0.0.1", "--ca", pki.CaPath, "--cert", pki.CertPath, "--key", pki.KeyPath,
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Collector=Error", "--Collector:Mdns:Enabled=false",
            .. extra,
        ];
        WebApplication app = CollectorApp.Build(args);
        await app.StartAsync();
        return new TestCollector(app, dataDirectory, port);
    }

    /// <summary>The collector with no PKI options: it makes its own CA in <paramref name="dataDirectory"/>/pki (the embedded default).</summary>
    public static async Task<TestCollector> StartOwnPkiAsync(string dataDirectory, int port, params string[] extra)
    {
        string[] args =
        [
            "--data", dataDirectory, "--mqtt-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--mqtt-bind", "127.0.0.1", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Collector=Error",
            "--Collector:Mdns:Enabled=false",
            .. extra,
        ];
        WebApplication app = CollectorApp.Build(args);
        await app.StartAsync();
        return new TestCollector(app, dataDirectory, port);
    }

    /// <summary>An HTTP client with a new admin API token (made in the account store, as the Account page does).</summary>
    public HttpClient AdminApi(string name = "test-admin-token")
    {
        var accounts = _app.Services.GetRequiredService<Collector.Web.Auth.IAccountStore>();
        if (accounts.FindUser("admin") is null)
        {
            accounts.CreateUser("admin", Collector.Web.Auth.PasswordHasher.Hash(DashboardSession.AdminPassword), Collector.Web.Auth.DashboardRoles.Admin);
        }

        string token = Collector.Web.Auth.ApiToken.New();
        accounts.CreateToken(name + "-" + Guid.NewGuid().ToString("N")[..6], Collector.Web.Auth.ApiToken.HashOf(token), Collector.Web.Auth.DashboardRoles.Admin, "admin", DateTimeOffset.UtcNow);
        HttpClient http = Http();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    /// <summary>The collector as a client of an external broker (<c>--broker</c>), with its own client certificate.</summary>
    public static async Task<TestCollector> StartExternalAsync(TestPki pki, string dataDirectory, string brokerUrl, string collectorId, params string[] extra)
    {
        (string cert, string key) = pki.WriteClient(collectorId);
        string[] args =
        [
            "--data", dataDirectory, "--broker", brokerUrl, "--collector-id", collectorId,
            "--ca", pki.CaPath, "--cert", cert, "--key", key,
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Collector=Error", "--Collector:Mdns:Enabled=false",
            .. extra,
        ];
        WebApplication app = CollectorApp.Build(args);
        await app.StartAsync();
        return new TestCollector(app, dataDirectory, 0);
    }

    /// <summary>
    /// The collector as a client of an external broker with its own PKI in <paramref name="dataDirectory"/>/pki (no
    /// <c>--ca/--cert/--key</c>): its client certificate for the broker is the one it makes there (collector.pem, CN
    /// <paramref name="collectorId"/>), and it signs sensor certificates and keeps crl.pem current.
    /// </summary>
    public static async Task<TestCollector> StartExternalOwnPkiAsync(string dataDirectory, string brokerUrl, string collectorId, params string[] extra)
    {
        string[] args =
        [
            "--data", dataDirectory, "--broker", brokerUrl, "--collector-id", collectorId,
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Collector=Error",
            .. extra,
        ];
        WebApplication app = CollectorApp.Build(args);
        await app.StartAsync();
        return new TestCollector(app, dataDirectory, 0);
    }

    public Task StopAsync() => _app.StopAsync();

    /// <summary>With <c>--broker</c>: waits until the collector is connected and subscribed.</summary>
    public async Task WaitUntilSubscribedAsync()
    {
        BrokerSubscriber subscriber = _app.Services.GetServices<IHostedService>().OfType<BrokerSubscriber>().Single();
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!subscriber.IsSubscribed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the collector did not subscribe to the broker");
            await Task.Delay(25);
        }
    }

    /// <summary>Waits until <paramref name="sql"/> (a count) reaches <paramref name="expected"/>.</summary>
    public async Task WaitForAsync(string sql, long expected, TimeSpan? within = null)
    {
        DateTime deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        long seen;
        while ((seen = File.Exists(DatabasePath) ? Scalar(sql) : 0) < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out: {sql} is {seen}, waiting for {expected}");
            await Task.Delay(50);
        }
    }

    public long Scalar(string sql) => Scalar(DatabasePath, sql);

    public static long Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<string> Strings(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return result;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
