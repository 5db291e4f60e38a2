using System.Diagnostics;
using System.Text.Json;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// The real sensor process (<c>edge-sensor run --config</c>, built beside the tests) replaying a capture as fast as it
/// can into a collector's broker over mutual TLS. It exits once its outbox is drained, i.e. once the collector has
/// committed and acknowledged every finding, with a death status as its last message. <c>learningSeconds</c> is capture
/// time; 0 never ends learning, so only the models that need no baseline raise anomalies.
/// </summary>
internal static class RealSensor
{
    public static async Task<string> ReplayAsync(TestPki pki, TestCollector collector, string workDirectory, string capture, string site, string sensorId,
        double learningSeconds = 0)
    {
        string dir = Directory.CreateDirectory(Path.Combine(workDirectory, "sensor-" + sensorId)).FullName;
        (string cert, string key) = pki.WriteClient(sensorId);
        string config = Path.Combine(dir, "sensor.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            site,
            sensorId,
            capture = new { file = capture, replaySpeed = 0 },
            learningSeconds,
            uplink = new
            {
                host = "127.0.0.1",
                port = collector.Port,
                caFile = pki.CaPath,
                certificateFile = cert,
                keyFile = key,
                outboxDirectory = Path.Combine(dir, "outbox"),
            },
        }));

        using var sensor = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), "run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Task<string> stdout = sensor.StandardOutput.ReadToEndAsync();
        Task<string> stderr = sensor.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await sensor.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            sensor.Kill(entireProcessTree: true);
            Assert.Fail($"the sensor replaying {Path.GetFileName(capture)} did not finish in 90 s: {await stderr}");
        }

        string log = await stderr + await stdout;
        Assert.True(sensor.ExitCode == 0, $"edge-sensor exited with {sensor.ExitCode}: {log}");
        Assert.Contains("uplink connected", log, StringComparison.Ordinal);
        return log;
    }
}
