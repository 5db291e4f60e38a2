namespace EdgeSensor.Provisioning;

/// <summary>
/// The sensor's factory state and where it keeps its identity (<c>"provisioning"</c> in the configuration). With it
/// the configuration file holds only what is the box's (capture interface, paths, status hardware); the site, sensor
/// id, uplink, learning period, zones and thresholds come from the collector:
/// <code>
/// "provisioning": { "file": "/etc/edge-sensor/provisioning.json", "stateDirectory": "/var/lib/edge-sensor",
///                   "uplinkInterface": "eth0" }
/// </code>
/// </summary>
public sealed class ProvisioningConfig
{
    /// <summary>The claim bundle (<c>edge-collector claim</c>), moved here from the boot partition by first-boot.</summary>
    public string File { get; set; } = "/etc/edge-sensor/provisioning.json";

    /// <summary>Where the serial number, the identity and the outbox are kept.</summary>
    public string StateDirectory { get; set; } = "/var/lib/edge-sensor";

    /// <summary>The CM4's serial number, when the board has one.</summary>
    public string DeviceTreeSerial { get; set; } = "/proc/device-tree/serial-number";

    /// <summary>The interface facing the collector, where DNS-SD asks (never the tap); null: the default route's.</summary>
    public string? UplinkInterface { get; set; }

    /// <summary>How long the sensor waits between attempts when the collector is not reachable or said no (seconds).</summary>
    public double RetrySeconds { get; set; } = 30;

    public string SerialFile => Path.Combine(StateDirectory, "serial");

    public string IdentityFile => Path.Combine(StateDirectory, "identity.json");

    public string PendingKeyFile => Path.Combine(StateDirectory, "pending-key.pem");

    public string OutboxDirectory => Path.Combine(StateDirectory, "outbox");
}
