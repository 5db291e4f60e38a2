using System.Text.Json;
using Edge.Contracts.Assets;
using Edge.Contracts.Serialization;
using EdgeSensor.Analyze;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Analyze;

/// <summary><c>edge-sensor analyze</c>: learning, new devices, zones, state across runs, bad configuration.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, List<AssetRecord> Assets, string Errors) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = AnalyzeCommand.Run(args, stdout, stderr);
        var assets = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains("\"type\":\"asset\"", StringComparison.Ordinal))
            .Select(l => JsonSerializer.Deserialize(l, EdgeJsonContext.Default.AssetRecord)!).ToList();
        return (code, assets, stderr.ToString());
    }

    [Fact]
    public void Devices_first_seen_after_learning_are_new()
    {
        var (code, assets, _) = Run("--learn", SharedData.Pcap("mixed_plant1_modbus-s7comm-it-traffic.pcap"),
            SharedData.Pcap("s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng"), "--json");

        Assert.Equal(0, code);
        Assert.False(assets.Single(a => a.AssetId == "141.81.0.10").IsNew);
        Assert.True(assets.Single(a => a.AssetId == "134.217.61.131").IsNew);
        Assert.True(assets.Single(a => a.AssetId == "134.217.61.211").IsNew);
        Assert.Equal(2, assets.Count(a => a.IsNew));
    }

    [Fact]
    public void Learning_ends_after_the_learning_period_in_capture_time()
    {
        // The mixed plant capture lasts ~21 s; with a 10 s learning period, devices first seen after it are new.
        var (_, assets, _) = Run(SharedData.Pcap("mixed_plant1_modbus-s7comm-it-traffic.pcap"), "--learning-seconds", "10", "--json");
        var late = assets.Where(a => a.FirstSeen - assets.Min(x => x.FirstSeen) > TimeSpan.FromSeconds(10.5)).ToList();
        Assert.All(late, a => Assert.True(a.IsNew));
        Assert.All(assets.Where(a => a.FirstSeen - assets.Min(x => x.FirstSeen) < TimeSpan.FromSeconds(9.5)), a => Assert.False(a.IsNew));
    }

    [Fact]
    public void Zones_from_configuration_name_each_asset()
    {
        string zones = Path.Combine(_dir, "zones.json");
        File.WriteAllText(zones, """
            { "zones": [
              { "name": "Control", "purdueLevel": 1, "subnets": ["141.81.0.0/26"] },
              { "name": "Supervisory", "purdueLevel": 2, "subnets": ["141.81.0.0/24"] } ] }
            """);
        var (code, assets, _) = Run(SharedData.Pcap("mixed_plant1_modbus-s7comm-it-traffic.pcap"), "--zones", zones, "--json");

        Assert.Equal(0, code);
        var scada = assets.Single(a => a.AssetId == "141.81.0.10");
        Assert.Equal(new ZoneAssignment { Name = "Control", PurdueLevel = 1, Source = "config", Domain = "ot" }, scada.Zone);
        Assert.Equal("Supervisory", assets.Single(a => a.AssetId == "141.81.0.146").Zone.Name);
    }

    [Fact]
    public void A_bad_zones_file_is_one_line_and_exit_2()
    {
        string zones = Path.Combine(_dir, "zones.json");
        File.WriteAllText(zones, """{ "zones": [ { "name": "X", "subnets": ["300.1.1.0/24"] } ] }""");
        var (code, assets, errors) = Run(SharedData.Pcap("modbus_small_fc1-fc15.pcap"), "--zones", zones, "--json");

        Assert.Equal(2, code);
        Assert.Empty(assets);
        Assert.Equal("edge-sensor analyze: zones.json: zone 'X' has a bad subnet '300.1.1.0/24'", errors.Trim().Replace(zones, "zones.json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--json", "--bogus")]
    [InlineData("--json", "--learning-seconds", "-1", "x.pcap")]
    [InlineData("x.pcap", "--learn")]
    [InlineData("--interface", "lo", "--duration", "0")]
    public void Bad_arguments_are_one_line_and_exit_2(params string[] args)
    {
        var (code, _, errors) = Run(args);
        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void State_carries_learning_from_one_run_to_the_next()
    {
        string state = Path.Combine(_dir, "plant.state");
        var first = Run("--learn", SharedData.Pcap("mixed_plant1_modbus-s7comm-it-traffic.pcap"), "--state", state, "--json");
        Assert.Equal(0, first.Code);
        Assert.True(File.Exists(state));

        var second = Run(SharedData.Pcap("s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng"), "--state", state, "--json");
        Assert.Equal(0, second.Code);
        Assert.Equal(first.Assets.Count + 2, second.Assets.Count);
        Assert.False(second.Assets.Single(a => a.AssetId == "141.81.0.10").IsNew);
        Assert.True(second.Assets.Single(a => a.AssetId == "134.217.61.211").IsNew);
    }

    [Theory]
    [InlineData("s7comm_snap7-s300_plc-stop.pcapng")]
    [InlineData("mixed_plant1_modbus-s7comm-it-traffic.pcap", "--learning-seconds", "10")]   // learning ends mid-capture
    [InlineData("mixed_plant1_modbus-s7comm-it-traffic.pcap", "--learning-seconds", "0")]    // no learning at all
    public void Printed_traffic_counts_are_the_frames_from_and_to_each_address(string capture, params string[] options)
    {
        // Expected from an independent reading of the capture (see AssetTrafficCountTests); learning changes nothing.
        var frames = IndependentCaptureReader.Read(SharedData.Pcap(capture));
        var (code, assets, _) = Run([SharedData.Pcap(capture), .. options, "--json"]);

        Assert.Equal(0, code);
        Assert.NotEmpty(assets);
        foreach (var a in assets)
        {
            var expected = (
                frames.Count(f => f.Source == a.AssetId), frames.Count(f => f.Destination == a.AssetId),
                frames.Where(f => f.Source == a.AssetId).Sum(f => (long)f.CapturedLength), frames.Where(f => f.Destination == a.AssetId).Sum(f => (long)f.CapturedLength));
            Assert.Equal(expected, ((int)a.Traffic.PacketsSent, (int)a.Traffic.PacketsReceived, a.Traffic.BytesSent, a.Traffic.BytesReceived));
        }
    }
}
