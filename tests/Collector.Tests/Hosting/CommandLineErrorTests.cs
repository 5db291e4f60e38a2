using System.Diagnostics;
using Collector.Tests.Infrastructure;

namespace Collector.Tests.Hosting;

/// <summary>The real collector process with a bad command line: one line on stderr naming the problem, exit code 2.</summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Theory]
    [InlineData("--broker", "mqtt://broker.plant:1883", "plain mqtt:// is not supported")]
    [InlineData("--broker", "broker.plant", "is not a URL")]
    [InlineData("--broker", "mqtts://user:secret@broker.plant:8883", "expected mqtts://host:port and nothing else")]
    [InlineData("--share-group", "a/b", "--share-group 'a/b' is not a valid id")]
    [InlineData("--collector-id", "+", "--collector-id '+' is not a valid id")]
    public async Task A_bad_broker_setting_stops_the_collector_with_one_line(string option, string value, string expected)
    {
        string[] extra = option == "--broker" ? [option, value] : ["--broker", "mqtts://localhost:8883", option, value];
        (int exit, string stderr) = await RunAsync(["--data", _data, "--ca", _pki.CaPath, "--cert", _pki.CertPath, "--key", _pki.KeyPath, .. extra]);
        Assert.Equal(2, exit);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-collector: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_stops_the_collector_with_one_line()
    {
        (int exit, string stderr) = await RunAsync(["--data", _data, "--ca", _pki.CaPath, "--cert", _pki.CertPath]);
        Assert.Equal(2, exit);
        Assert.Equal("edge-collector: --key FILE (PEM) is missing: give --ca, --cert and --key together, or none (the collector then makes its own CA in --data/pki).", stderr.Trim());
    }

    private static async Task<(int Exit, string Stderr)> RunAsync(string[] args)
    {
        using Process process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-collector.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
