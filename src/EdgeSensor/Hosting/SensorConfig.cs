namespace EdgeSensor.Hosting;

/// <summary>
/// The sensor's configuration file (JSON), for <c>edge-sensor run --config FILE</c>:
/// <code>
/// { "site": "plant1", "sensorId": "cabinet-7",
///   "capture": { "interface": "eth1", "bpf": "" }            // or { "file": "x.pcap", "replaySpeed": 1.0 }
///                                                            // an addressed interface: "allowAddressedInterface": true
///   "stateFile": "/var/lib/edge-sensor/plant.state", "saveIntervalSeconds": 300,
///   "learningSeconds": 604800, "zonesFile": "/etc/edge-sensor/zones.json",
///   "findingsFile": "/var/lib/edge-sensor/findings.jsonl",
///   "capacities": { "devices": 1024, "relations": 4096, "icsRelations": 1024, "connections": 4096, "icsFlows": 1024 } }
/// </code>
/// </summary>
public sealed class SensorConfig
{
    public string Site { get; set; } = string.Empty;

    public string SensorId { get; set; } = string.Empty;

    public CaptureConfig Capture { get; set; } = new();

    public CapacityConfig Capacities { get; set; } = new();

    /// <summary>How often the sensor publishes its metrics (capture counters, malformed units, outbox depth) over the uplink.</summary>
    public double MetricsIntervalSeconds { get; set; } = 60;

    /// <summary>The MQTT uplink; null: findings only go to <see cref="FindingsFile"/>.</summary>
    public UplinkConfig? Uplink { get; set; }

    public string? StateFile { get; set; }

    public double SaveIntervalSeconds { get; set; } = 300;

    /// <summary>The learning period in capture time; a week by default.</summary>
    public double LearningSeconds { get; set; } = 7 * 86400;

    public string? ZonesFile { get; set; }

    /// <summary>Where incident versions also go as JSON Lines ("-" for standard output).</summary>
    public string? FindingsFile { get; set; }

    /// <summary>Status lights, alarm relay and button (hardware/profiles).</summary>
    public StatusConfig Status { get; set; } = new();

    /// <summary>
    /// Zero-touch provisioning: with it, site, sensor id, uplink, learning period, zones and thresholds come from the
    /// collector (<see cref="EdgeSensor.Provisioning.ProvisioningConfig"/>) and are not given here.
    /// </summary>
    public EdgeSensor.Provisioning.ProvisioningConfig? Provisioning { get; set; }

    /// <summary>Zones as JSON (the zones file's format) from the collector's configuration; takes the place of <see cref="ZonesFile"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ZonesJson { get; set; }

    /// <summary>The box's own configuration file this one was made from by laying the collector's over it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SensorConfig? Local { get; set; }

    /// <summary>The identity provisioning gave this sensor (null: configured by hand).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public EdgeSensor.Provisioning.SensorIdentity? Identity { get; set; }
}
