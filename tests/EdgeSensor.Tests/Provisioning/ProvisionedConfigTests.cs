using System.Text.Json;
using Edge.Contracts.Provisioning;
using EdgeSensor.Hosting;
using EdgeSensor.Provisioning;

namespace EdgeSensor.Tests.Provisioning;

/// <summary>
/// The running configuration of a provisioned sensor: the box's file with the collector's settings laid over it, and
/// the check a pushed configuration must pass before the sensor stores it.
/// </summary>
public sealed class ProvisionedConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-provcfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SensorConfig Local() => new()
    {
        Capture = new CaptureConfig { File = Path.Combine(_dir, "x.pcap") },
        Status = new StatusConfig { Driver = "none", RelayThreshold = 90 },
        MetricsIntervalSeconds = 5,
        Provisioning = new ProvisioningConfig { File = Path.Combine(_dir, "claim.json"), StateDirectory = _dir },
    };

    private static SensorIdentity Identity(SensorConfiguration c) => new()
    {
        Serial = "10000000a1b2c3d4",
        KeyPem = string.Empty,
        CertificatePem = string.Empty,
        CaPem = string.Empty,
        Configuration = c,
        Host = "collector.plant",
        Port = 8883,
    };

    private static JsonElement Zones(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void The_collectors_settings_are_laid_over_the_boxs_own()
    {
        File.WriteAllBytes(Path.Combine(_dir, "x.pcap"), []);
        var c = new SensorConfiguration
        {
            Version = 4,
            Site = "plant1",
            SensorId = "cabinet-7",
            LearningSeconds = 3600,
            RelayThreshold = 55,
            Zones = Zones("""{ "zones": [ { "name": "Cell", "purdueLevel": 1, "subnets": ["10.0.0.0/24"] } ] }"""),
            BrokerHost = "mqtt.plant",
        };
        SensorConfig merged = ProvisionedConfig.Apply(Local(), Identity(c));
        Assert.Equal(("plant1", "cabinet-7", 3600.0, 55, 5.0), (merged.Site, merged.SensorId, merged.LearningSeconds, merged.Status.RelayThreshold, merged.MetricsIntervalSeconds));
        Assert.Equal(("mqtt.plant", 8883), (merged.Uplink!.Host, merged.Uplink.Port));
        Assert.Equal(Path.Combine(_dir, "outbox"), merged.Uplink.OutboxDirectory);
        Assert.Equal(Path.Combine(_dir, "plant.state"), merged.StateFile);
        Assert.Contains("\"Cell\"", merged.ZonesJson, StringComparison.Ordinal);
        Assert.Null(ProvisionedConfig.Check(Local(), Identity(c), c));

        // No broker named: the endpoint provisioning went through.
        Assert.Equal("collector.plant", ProvisionedConfig.Apply(Local(), Identity(c with { BrokerHost = null })).Uplink!.Host);
    }

    [Theory]
    [InlineData("""{ "zones": [ { "name": "Bad", "purdueLevel": 1, "subnets": ["10.0.0.0/99"] } ] }""", "10.0.0.0/99")]
    [InlineData("""{ "zones": "none" }""", "zones")]
    public void A_configuration_with_bad_zones_is_refused_with_a_reason(string zones, string named)
    {
        File.WriteAllBytes(Path.Combine(_dir, "x.pcap"), []);
        var good = new SensorConfiguration { Version = 1, Site = "plant1", SensorId = "cabinet-7" };
        string? error = ProvisionedConfig.Check(Local(), Identity(good), good with { Version = 2, Zones = Zones(zones) });
        Assert.NotNull(error);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_out_of_range_are_refused()
    {
        File.WriteAllBytes(Path.Combine(_dir, "x.pcap"), []);
        var good = new SensorConfiguration { Version = 1, Site = "plant1", SensorId = "cabinet-7" };
        Assert.Contains("relayThreshold", ProvisionedConfig.Check(Local(), Identity(good), good with { RelayThreshold = 0 }), StringComparison.Ordinal);
        Assert.Contains("learningSeconds", ProvisionedConfig.Check(Local(), Identity(good), good with { LearningSeconds = -1 }), StringComparison.Ordinal);
        Assert.Contains("sensorId", ProvisionedConfig.Check(Local(), Identity(good), good with { SensorId = "bad/id" }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("collector.plant:9883", "collector.plant", 9883)]
    [InlineData("collector.plant", "collector.plant", 8883)]
    [InlineData("10.1.2.3:8883", "10.1.2.3", 8883)]
    [InlineData("[fd00::1]:9000", "fd00::1", 9000)]
    [InlineData("fd00::1", "fd00::1", 8883)]
    public void Endpoints_are_host_and_port(string text, string host, int port) =>
        Assert.Equal((host, port), ProvisioningClient.ParseEndpoint(text));

    [Fact]
    public void A_factory_configuration_names_no_site_sensor_or_uplink()
    {
        File.WriteAllBytes(Path.Combine(_dir, "x.pcap"), []);
        SensorConfig local = Local();
        SensorConfigLoader.Validate(local, "factory");
        local.SensorId = "cabinet-7";
        var e = Assert.Throws<SensorConfigException>(() => SensorConfigLoader.Validate(local, "factory"));
        Assert.Equal("factory: with provisioning, site, sensorId and uplink come from the collector; remove them", e.Message);
    }
}
