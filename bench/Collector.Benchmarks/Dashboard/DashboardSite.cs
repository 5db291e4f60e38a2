using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Collector.Hosting;
using Collector.Ingest;
using Collector.Storage;
using Collector.Web.Auth;
using Collector.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Collector.Benchmarks.Dashboard;

/// <summary>
/// The real collector (<see cref="CollectorApp.Build"/>: embedded broker, ingest writer, SQLite in a temp data
/// directory, dashboard on a loopback port), filled with a <see cref="DashboardDataSet"/> through its own
/// <see cref="IngestWriter"/> (the writer the broker feeds after validation: group commit into the store with the
/// dashboard projection in the same transaction), the analysts' workflow steps applied through
/// <see cref="IDashboardQueries.ActOnIncident"/>, and an <see cref="HttpClient"/> signed in as the first admin with
/// the sign-in form (antiforgery token, cookie).
/// </summary>
public sealed class DashboardSite : IAsyncDisposable
{
    public const string AdminPassword = "bench-admin-password-1";

    /// <summary>Messages submitted before waiting for their commits: below the writer's queue size, so arrival order holds.</summary>
    private const int SubmitChunk = 1_000;

    private readonly BenchPki _pki;
    private readonly WebApplication _app;

    private DashboardSite(BenchPki pki, string dataDirectory, WebApplication app, HttpClient http)
    {
        _pki = pki;
        DataDirectory = dataDirectory;
        _app = app;
        Http = http;
    }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "collector.db");

    /// <summary>The running collector's services (its <see cref="IDashboardQueries"/>, for timing the queries alone).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Signed in; does not follow redirects, so a lost session shows as a 302 rather than the sign-in page.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the collector, ingests the data set and signs in; prints what it did to <paramref name="log"/>.</summary>
    public static async Task<DashboardSite> StartAsync(TextWriter log)
    {
        var pki = new BenchPki();
        string data = Directory.CreateTempSubdirectory("edge-bench-dashboard-").FullName;
        string[] args =
        [
            "--data", data, "--mqtt-port", FreePort().ToString(CultureInfo.InvariantCulture), "--mqtt-bind", "127.0.0.1",
            "--ca", pki.CaPath, "--cert", pki.CertPath, "--key", pki.KeyPath, "--urls", "http://127.0.0.1:0",
            $"--{AdminBootstrap.PasswordVariable}={AdminPassword}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Error",
        ];
        WebApplication app = CollectorApp.Build(args);
        await app.StartAsync().ConfigureAwait(false);

        var watch = Stopwatch.StartNew();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var dataSet = new DashboardDataSet(now);
        TimeSpan generated = watch.Elapsed;
        await IngestAsync(app.Services.GetRequiredService<IngestWriter>(), dataSet.Messages).ConfigureAwait(false);
        TimeSpan ingested = watch.Elapsed - generated;
        var queries = app.Services.GetRequiredService<IDashboardQueries>();
        foreach ((string sensor, string incident, string action, string? assignee) in dataSet.Workflow)
        {
            if (queries.ActOnIncident(sensor, incident, "admin", action, assignee, null, now) == IncidentActionResult.NotFound)
            {
                throw new InvalidOperationException($"incident {sensor}/{incident} was not stored");
            }
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(address),
        };
        await SignInAsync(http).ConfigureAwait(false);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// dashboard data set: {dataSet.Messages.Count} messages made in {generated.TotalSeconds:F1} s, ingested in {ingested.TotalSeconds:F1} s ({dataSet.Messages.Count / ingested.TotalSeconds:F0} msg/s), {dataSet.Workflow.Count} workflow steps; {address}, {data}"));
        return new DashboardSite(pki, data, app, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _pki.Dispose();
        if (Environment.GetEnvironmentVariable("EDGE_BENCH_KEEP") is not { Length: > 0 })
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private static async Task IngestAsync(IngestWriter writer, IReadOnlyList<StoredMessage> messages)
    {
        var pending = new List<Task<WriteOutcome>>(SubmitChunk);
        for (int start = 0; start < messages.Count; start += SubmitChunk)
        {
            pending.Clear();
            for (int i = start; i < Math.Min(messages.Count, start + SubmitChunk); i++)
            {
                pending.Add(writer.SubmitAsync(messages[i], CancellationToken.None));
            }

            foreach (WriteOutcome outcome in await Task.WhenAll(pending).ConfigureAwait(false))
            {
                if (outcome != WriteOutcome.Stored)
                {
                    throw new InvalidOperationException($"a data set message was {outcome}, not stored");
                }
            }
        }
    }

    private static async Task SignInAsync(HttpClient http)
    {
        const string marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        string form = await http.GetStringAsync(new Uri("/login", UriKind.Relative)).ConfigureAwait(false);
        int start = form.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("no antiforgery token in the sign-in form");
        }

        start += marker.Length;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = AdminBootstrap.UserName,
            ["Password"] = AdminPassword,
            ["__RequestVerificationToken"] = form[start..form.IndexOf('"', start)],
        });
        using HttpResponseMessage response = await http.PostAsync(new Uri("/login", UriKind.Relative), content).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}, not a redirect");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
