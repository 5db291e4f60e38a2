using System.Diagnostics;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Persistence;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Hosting;

/// <summary><c>edge-sensor run --config</c>: the sensor as a service, run as a real process.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string body)
    {
        string path = Path.Combine(_dir, "sensor.json");
        File.WriteAllText(path, body);
        return path;
    }

    private static Process Start(string config)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), "run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(psi)!;
    }

    [Fact]
    public async Task Replaying_a_capture_writes_findings_and_saves_state()
    {
        string state = Path.Combine(_dir, "plant.state");
        string findings = Path.Combine(_dir, "findings.jsonl");
        string config = Config($$"""
            { "site": "plant1", "sensorId": "cabinet-7",
              "capture": { "file": "{{SharedData.Pcap("modbus_attack_characterization-recon__labelled.pcap")}}", "replaySpeed": 0 },
              "stateFile": "{{state}}", "learningSeconds": 0, "findingsFile": "{{findings}}",
              "capacities": { "devices": 64, "relations": 256, "icsRelations": 64, "connections": 2048, "icsFlows": 256 } }
            """);
        using var sensor = Start(config);
        var stderr = sensor.StandardError.ReadToEndAsync();
        Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, sensor.ExitCode);

        var lines = await File.ReadAllLinesAsync(findings);
        Assert.Contains(lines, l => l.Contains("\"type\":\"incident\"", StringComparison.Ordinal) && l.Contains("192.168.1.101", StringComparison.Ordinal));
        var model = new PlantModel(new PlantOptions());
        Assert.Equal(StateLoadOutcome.Loaded, PlantStateStore.Load(state, model).Outcome);
        Assert.True(model.Devices.Count >= 7);
        Assert.Contains("state saved", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_stops_a_replay_cleanly_with_the_state_saved()
    {
        string state = Path.Combine(_dir, "plant.state");
        string config = Config($$"""
            { "site": "plant1", "sensorId": "cabinet-7",
              "capture": { "file": "{{SharedData.Pcap("s7comm_hmi-read-baseline-15min.pcap")}}", "replaySpeed": 1 },
              "stateFile": "{{state}}", "saveIntervalSeconds": 1 }
            """);
        using var sensor = Start(config);
        var stderr = sensor.StandardError.ReadToEndAsync();

        // Wait (generously: a loaded machine starts dotnet slowly) until an interval save shows the HMI and the PLC,
        // which the capture shows in its first seconds; the capture itself lasts 15 minutes at its recorded pace.
        int devices = await WaitForSavedDevices(state, sensor, TimeSpan.FromSeconds(90));
        Assert.Equal(2, devices);
        Assert.False(sensor.HasExited, "a 15-minute capture at its recorded pace ended early");
        using (var kill = Process.Start("kill", $"-TERM {sensor.Id}"))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(30)), "no clean stop on SIGTERM");
        Assert.Equal(0, sensor.ExitCode);
        string log = await stderr;
        Assert.Contains("capture ended: final state in", log, StringComparison.Ordinal);
        var model = new PlantModel(new PlantOptions());
        Assert.Equal(StateLoadOutcome.Loaded, PlantStateStore.Load(state, model).Outcome);
        Assert.Equal(2, model.Devices.Count);   // the HMI and the PLC, learned in the first seconds
    }

    /// <summary>Polls the state file the sensor saves every second until it holds devices; returns their count.</summary>
    private static async Task<int> WaitForSavedDevices(string state, Process sensor, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline && !sensor.HasExited)
        {
            if (File.Exists(state))
            {
                var model = new PlantModel(new PlantOptions());
                if (PlantStateStore.Load(state, model).Outcome == StateLoadOutcome.Loaded && model.Devices.Count >= 2)
                {
                    return model.Devices.Count;
                }
            }

            await Task.Delay(200);
        }

        return -1;
    }

    [Fact]
    public async Task Allow_addressed_interface_with_a_file_stops_at_start_with_one_line()
    {
        string pcap = SharedData.Pcap("modbus_attack_characterization-recon__labelled.pcap");
        using var sensor = Start(Config($$"""{ "site": "p", "sensorId": "s", "capture": { "file": "{{pcap}}", "allowAddressedInterface": true } }"""));
        string stderr = await sensor.StandardError.ReadToEndAsync();
        Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(2, sensor.ExitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("capture.allowAddressedInterface applies to an interface, not to a file", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "site": "p", "sensorId": "s", "capture": { } }""", "capture: give either \"interface\" or \"file\"")]
    [InlineData("""{ "site": "p/1", "sensorId": "s", "capture": { "interface": "eth0" } }""", "site must be 1-64 characters")]
    [InlineData("""{ "site": "p", "sensorId": "s", "capture": { "interface": "eth0" }, "saveIntervalSeconds": 0 }""", "saveIntervalSeconds must be between")]
    [InlineData("""{ "site": "p", "sensorId": "s", "capture": { "file": "/nonexistent.pcap" } }""", "capture file not found")]
    [InlineData("""{ "site": "p", "sensorId": "s", "capture": { "interface": "eth0" }, "colour": 1 }""", "not valid configuration JSON")]
    [InlineData("""not json""", "not valid configuration JSON")]
    [InlineData("""{ "site": "p", "sensorId": "s", "capture": { "interface": "eth0" }, "capacities": { "devices": 0 } }""", "capacities.devices must be between")]
    public async Task A_bad_configuration_stops_at_start_with_one_line(string body, string expected)
    {
        using var sensor = Start(Config(body));
        string stderr = await sensor.StandardError.ReadToEndAsync();
        Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(2, sensor.ExitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.StartsWith("edge-sensor run: ", line, StringComparison.Ordinal);
    }
}
