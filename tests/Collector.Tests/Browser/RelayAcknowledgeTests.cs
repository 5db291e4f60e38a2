using System.Diagnostics;
using System.Text.Json;
using Collector.Tests.Infrastructure;
using Collector.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Collector.Tests.Browser;

/// <summary>
/// From the dashboard to the cabinet: the real sensor replays the labelled Modbus reconnaissance capture and stays up,
/// with its status lights on the CM4 IO board's profile through the FAKE GPIO driver (its levels in a file this test
/// reads). Its incident energises the alarm relay; an admin acknowledges the incident on the dashboard in Chromium;
/// the collector sends the acknowledgement to the sensor over MQTT, and the relay drops, with who and when in the
/// sensor's log.
/// </summary>
public sealed class RelayAcknowledgeTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string Sensor = "cabinet-relay";
    private const string Password = "relay-test-admin-1";
    private readonly ChromiumFixture _chromium;
    private readonly TestPki _pki = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-relay-").FullName;
    private TestCollector _collector = null!;

    public RelayAcknowledgeTests(ChromiumFixture chromium) => _chromium = chromium;

    public async Task InitializeAsync() =>
        _collector = await TestCollector.StartAsync(_pki, Path.Combine(_dir, "collector"), TestCollector.FreePort(), $"--{AdminBootstrap.PasswordVariable}={Password}");

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        _pki.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Acknowledging_on_the_dashboard_drops_the_sensors_relay()
    {
        using JsonDocument profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "hardware", "profiles", "rpi-cm4-io.json")));
        int relayPin = profile.RootElement.GetProperty("relay").GetProperty("gpio").GetInt32();
        string gpio = Path.Combine(_dir, "gpio.txt");
        (string cert, string key) = _pki.WriteClient(Sensor);
        string config = Path.Combine(_dir, "sensor.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            site = "plant1",
            sensorId = Sensor,
            capture = new { file = RepositoryPaths.SharedCapture("modbus_attack_characterization-recon__labelled.pcap"), replaySpeed = 0, stayAfterEnd = true },
            learningSeconds = 0,
            status = new { driver = "fake", fakeGpioFile = gpio, hardwareProfile = "rpi-cm4-io", relayThreshold = 1 },
            uplink = new { host = "127.0.0.1", port = _collector.Port, caFile = _pki.CaPath, certificateFile = cert, keyFile = key, outboxDirectory = Path.Combine(_dir, "outbox") },
        }));
        using var sensor = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), "run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        sensor.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        sensor.BeginErrorReadLine();
        _ = sensor.StandardOutput.ReadToEndAsync();
        try
        {
            Assert.True(await WaitForAsync(() => Pin(gpio, relayPin) == true, TimeSpan.FromSeconds(90)), $"the relay never closed: {string.Join('\n', log)}");
            Assert.True(await WaitForAsync(() => _collector.Scalar($"SELECT count(*) FROM incidents WHERE sensor = '{Sensor}'") > 0, TimeSpan.FromSeconds(30)), "no incident stored");

            await using BrowserTab tab = await _chromium.OpenAsync(_collector.BaseAddress, "relay-acknowledge");
            await tab.SignInAsync("admin", Password);
            IPage page = tab.Page;
            foreach (string id in _collector.Strings($"SELECT incident_id FROM incidents WHERE sensor = '{Sensor}'"))
            {
                string path = $"/incidents/{Sensor}/{id}";
                await tab.GotoAsync(path);
                await tab.StepAsync($"acknowledge {id}", async () =>
                {
                    await page.Locator("#acknowledge").ClickAsync();
                    await Expect(page.Locator("#workflow")).ToHaveTextAsync("acknowledged");
                });
            }

            await tab.ScreenshotAsync("relay-acknowledged");
            Assert.True(await WaitForAsync(() => Pin(gpio, relayPin) == false, TimeSpan.FromSeconds(30)), $"the relay stayed closed: {string.Join('\n', log)}");
            Assert.Contains(log, l => l.Contains("acknowledged by admin (acknowledged on the dashboard)", StringComparison.Ordinal));
        }
        finally
        {
            if (!sensor.HasExited)
            {
                using (var term = Process.Start("kill", $"-TERM {sensor.Id}"))
                {
                    await term.WaitForExitAsync();
                }

                if (!sensor.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    sensor.Kill(entireProcessTree: true);
                }
            }
        }

        Assert.False(Pin(gpio, relayPin), "the relay is not released when the sensor stops");
    }

    /// <summary>The level the FAKE GPIO driver last wrote for a pin; null before it wrote the pin.</summary>
    private static bool? Pin(string file, int pin)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (string line in File.ReadAllLines(file))
        {
            if (line.StartsWith($"{pin}=", StringComparison.Ordinal))
            {
                return line.EndsWith("=1", StringComparison.Ordinal);
            }
        }

        return null;
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition();
    }
}
