using System.Collections.Concurrent;
using Collector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collector.Tests.Web;

/// <summary>
/// Page views log nothing at warning level: antiforgery replaces the cache headers of a page with a form and warns
/// when the application had set different ones, which printed a warning into the demo's terminal on every page view.
/// Pages still tell browsers and proxies not to keep them.
/// </summary>
public sealed class PageLogTests : IAsyncLifetime, IDisposable
{
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;
    private readonly CapturingProvider _logs = new();
    private TestCollector _collector = null!;

    public async Task InitializeAsync()
    {
        _collector = await TestCollector.StartAsync(_pki, _data, TestCollector.FreePort(), DashboardSession.AdminPasswordArgument);
        _collector.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
    }

    public async Task DisposeAsync() => await _collector.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Viewing_pages_with_forms_logs_no_warning_and_nothing_is_cached()
    {
        using var http = _collector.Http();
        for (int i = 0; i < 3; i++)
        {
            using var login = await http.GetAsync("/login");   // a form with an antiforgery token
            Assert.True(login.IsSuccessStatusCode);
            Assert.Contains("no-store", login.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await DashboardSession.SignInAsync(http, "admin", DashboardSession.AdminPassword)).StatusCode);
        foreach (string page in new[] { "/", "/account", "/incidents", "/assets", "/sensors" })
        {
            using var response = await http.GetAsync(page);
            Assert.True(response.IsSuccessStatusCode, $"{page}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore, $"{page} may be stored");
        }

        Assert.True(_logs.Entries.IsEmpty, string.Join("\n", _logs.Entries));
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}
