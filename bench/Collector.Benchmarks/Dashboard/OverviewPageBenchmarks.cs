using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Collector.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Collector.Benchmarks.Dashboard;

/// <summary>
/// Dashboard pages as a signed-in browser fetches them (one operation is one GET over loopback HTTP/1.1, full body
/// read) from the real collector holding <see cref="DashboardDataSet"/> in SQLite: 10,000 assets, 1,000 incidents,
/// 5,000 anomalies, 4 sensors. The baseline is the sign-in page, which renders the same layout through the same
/// middleware (authentication, antiforgery, security headers) but reads no data, so the Ratio column is what each
/// page's queries and rendering cost on top of serving a page at all. <c>Allocated</c> counts the whole process (the
/// server's allocations and the client's), as the collector runs in the benchmark's process.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class OverviewPageBenchmarks
{
    private static readonly string[] Paths = ["/login", "/", "/api/overview", "/assets", "/incidents", "/map"];

    private DashboardSite _site = null!;
    private HttpClient _http = null!;
    private IDashboardQueries _queries = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _site = await DashboardSite.StartAsync(Console.Out);
        _http = _site.Http;
        _queries = _site.Services.GetRequiredService<IDashboardQueries>();
        foreach (string path in Paths)
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri(path, UriKind.Relative));
            string body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
            }

            Console.WriteLine($"// GET {path}: 200, {body.Length} chars");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _site.DisposeAsync();

    [Benchmark(Baseline = true, Description = "GET /login (reference)")]
    public Task<int> SignInPage() => Get("/login");

    [Benchmark(Description = "GET / (overview)")]
    public Task<int> Overview() => Get("/");

    /// <summary>The overview's queries alone, called in process (no HTTP, no rendering): how much of the page is SQL.</summary>
    [Benchmark(Description = "Overview queries only")]
    public int OverviewQueries() => _queries.Overview(DateTimeOffset.UtcNow).RecentChanges.Count;

    [Benchmark(Description = "GET /api/overview")]
    public Task<int> OverviewApi() => Get("/api/overview");

    [Benchmark(Description = "GET /assets")]
    public Task<int> Assets() => Get("/assets");

    [Benchmark(Description = "GET /incidents")]
    public Task<int> Incidents() => Get("/incidents");

    [Benchmark(Description = "GET /map")]
    public Task<int> Map() => Get("/map");

    /// <summary>The body's length; a non-200 (a lost session redirects) fails the run instead of timing a redirect.</summary>
    private async Task<int> Get(string path)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK ? body.Length : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(StatisticColumn.P95);
    }
}
