using System.Diagnostics;
using Collector.Hosting;
using Collector.Storage;
using Collector.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Collector.Tests.Hosting;

/// <summary><c>--db</c> on the command line: a bad value stops the collector with one line and exit code 2, password unsaid.</summary>
public sealed class DatabaseOptionTests : IDisposable
{
    private const string Password = "s3cret-Pa55";
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Theory]
    [InlineData("mysql://edge:" + Password + "@db:3306/edge", "--db: expected sqlite or postgres://")]
    [InlineData("postgres://edge:" + Password + "@db:port/edge", "--db: not a valid postgres:// URL")]
    [InlineData("postgres://edge:" + Password + "@db:5432/", "--db: postgres URL: the database name is missing")]
    [InlineData("postgres://edge:" + Password + "@db/edge?sslmode=sometimes", "--db: postgres URL: sslmode 'sometimes' is not one of")]
    [InlineData("postgresql://edge:" + Password + "@db/edge?pass=" + Password, "--db: postgres URL: unsupported parameter 'pass'")]
    public void A_bad_db_url_is_a_one_line_configuration_error_without_the_password(string url, string expected)
    {
        var error = Assert.Throws<CollectorConfigException>(() => CollectorApp.Build(Arguments(url)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_collector_exits_2_with_one_line_on_stderr()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-collector.dll"), .. Arguments("postgres://edge:" + Password + "@db:99999/edge")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process collector = Process.Start(start)!;
        Task<string> stdout = collector.StandardOutput.ReadToEndAsync();
        string stderr = await collector.StandardError.ReadToEndAsync();
        await collector.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, collector.ExitCode);
        Assert.Equal(["edge-collector: --db: not a valid postgres:// URL; expected postgres://user:password@host:port/dbname."],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(Password, stderr + await stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "collector.db")));
    }

    [Fact]
    public async Task An_unreachable_postgres_server_ends_the_start_with_one_line()
    {
        int closedPort = Infrastructure.TestCollector.FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-collector.dll"), .. Arguments($"postgres://edge:{Password}@127.0.0.1:{closedPort}/edge")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process collector = Process.Start(start)!;
        Task<string> stdout = collector.StandardOutput.ReadToEndAsync();
        string stderr = await collector.StandardError.ReadToEndAsync();
        await collector.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, collector.ExitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-collector: cannot open the database: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, stderr + await stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    public void Absent_or_sqlite_keeps_the_sqlite_file_in_the_data_directory(string? db)
    {
        string[] args = Arguments(db);
        using WebApplication app = CollectorApp.Build(args);
        IEventStore store = app.Services.GetRequiredService<IEventStore>();

        Assert.Equal(Path.Combine(_data, "collector.db"), Assert.IsType<SqliteStore>(store).DatabasePath);
    }

    private string[] Arguments(string? db) =>
    [
        "--data", _data, "--mqtt-port", "0", "--mqtt-bind", "127.0.0.1", "--ca", _pki.CaPath, "--cert", _pki.CertPath, "--key", _pki.KeyPath,
        "--urls", "http://127.0.0.1:0", .. db is null ? Array.Empty<string>() : ["--db", db],
    ];
}
