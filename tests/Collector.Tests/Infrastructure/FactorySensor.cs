using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// The real sensor process (<c>edge-sensor run</c>) in factory state: a configuration with no site, sensor id or
/// uplink, only a claim bundle made by the real <c>edge-collector claim</c> command and a state folder (with the
/// serial number a first boot would have written). It provisions itself, then replays a capture to its collector.
/// </summary>
internal sealed class FactorySensor : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private Process? _process;

    public FactorySensor(string workDirectory, string bundle, string serial, string capture, bool stayAfterEnd = false)
    {
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(workDirectory, "sensor-" + serial)).FullName;
        StateDirectory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "state")).FullName;
        Serial = serial;
        File.WriteAllText(Path.Combine(StateDirectory, "serial"), serial + "\n");
        ConfigPath = Path.Combine(Directory, "sensor.json");
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(new
        {
            capture = new { file = capture, replaySpeed = 0, stayAfterEnd },
            status = new { driver = "none" },
            provisioning = new { file = bundle, stateDirectory = StateDirectory, retrySeconds = 1 },
        }));
    }

    public string Directory { get; }

    public string StateDirectory { get; }

    public string Serial { get; }

    public string ConfigPath { get; }

    public string IdentityPath => Path.Combine(StateDirectory, "identity.json");

    public string Log => string.Join('\n', _lines);

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Makes a claim bundle with the real CLI from the collector's data folder.</summary>
    public static async Task<string> ClaimAsync(string dataDirectory, string outPath, string? endpoint, string batch = "test-batch")
    {
        string[] args = ["claim", "--data", dataDirectory, "--batch", batch, "--out", outPath, .. endpoint is null ? Array.Empty<string>() : ["--endpoint", endpoint]];
        (int exit, string output) = await RunCollectorCliAsync(args);
        Assert.True(exit == 0, $"edge-collector claim exited with {exit}: {output}");
        return outPath;
    }

    public static async Task<(int Exit, string Output)> RunCollectorCliAsync(params string[] args)
    {
        using Process process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-collector.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Start(string? crashAt = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), "run", "--config", ConfigPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (crashAt is not null)
        {
            start.Environment["EDGE_CRASH_AT"] = crashAt;
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Enqueue(e.Data);
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public async Task WaitForLogAsync(string text, TimeSpan? within = null)
    {
        DateTime deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the sensor did not log '{text}': {Log}");
            Assert.True(_process is { HasExited: false } || _lines.Any(l => l.Contains(text, StringComparison.Ordinal)), $"the sensor exited ({ExitCode}) before logging '{text}': {Log}");
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(90));
        try
        {
            await _process!.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process!.Kill(entireProcessTree: true);
            Assert.Fail($"the sensor did not exit in time: {Log}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as systemd stops it.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } p)
        {
            using (Process kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
