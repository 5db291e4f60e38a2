using Edge.Contracts.Provisioning;
using EdgeSensor.Hosting;

namespace EdgeSensor.Provisioning;

/// <summary>
/// The running configuration of a provisioned sensor: the box's own file (capture, paths, status hardware) with what
/// the collector decided laid over it (site, sensor id, uplink with the provisioned identity, learning period, zones,
/// thresholds). A configuration the collector pushes is checked by building this and validating it as a file would be.
/// </summary>
public static class ProvisionedConfig
{
    public static SensorConfig Apply(SensorConfig local, SensorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(identity);
        ProvisioningConfig p = local.Provisioning!;
        SensorConfiguration c = identity.Configuration;
        var status = Copy(local.Status);
        status.RelayThreshold = c.RelayThreshold ?? status.RelayThreshold;
        status.NoTrafficSeconds = c.NoTrafficSeconds ?? status.NoTrafficSeconds;
        return new SensorConfig
        {
            Site = c.Site,
            SensorId = c.SensorId,
            Capture = local.Capture,
            Capacities = local.Capacities,
            MetricsIntervalSeconds = c.MetricsIntervalSeconds ?? local.MetricsIntervalSeconds,
            Uplink = new UplinkConfig
            {
                Host = identity.BrokerHost,
                Port = identity.BrokerPort,
                ClientCertificate = identity.ClientCertificate,
                Ca = identity.CaPem.Length > 0 ? identity.Ca() : null,
                OutboxDirectory = local.Uplink?.OutboxDirectory ?? p.OutboxDirectory,
                OutboxMaxBytes = local.Uplink?.OutboxMaxBytes ?? new UplinkConfig().OutboxMaxBytes,
            },
            StateFile = local.StateFile ?? Path.Combine(p.StateDirectory, "plant.state"),
            SaveIntervalSeconds = local.SaveIntervalSeconds,
            LearningSeconds = c.LearningSeconds ?? local.LearningSeconds,
            ZonesFile = c.Zones is null ? local.ZonesFile : null,
            ZonesJson = c.Zones?.GetRawText(),
            FindingsFile = local.FindingsFile,
            Status = status,
            Provisioning = p,
            Identity = identity,
            Local = local,
        };
    }

    /// <summary>Why <paramref name="candidate"/> cannot run on this box; null when it can.</summary>
    public static string? Check(SensorConfig local, SensorIdentity current, SensorConfiguration candidate)
    {
        try
        {
            SensorConfig merged = Apply(local, current with { Configuration = candidate });
            SensorConfigLoader.Validate(merged, $"configuration version {candidate.Version}");
            if (merged.ZonesJson is { } zones)
            {
                _ = Plant.Zones.ZoneMap.Parse(zones, $"configuration version {candidate.Version}: zones");
            }

            return null;
        }
        catch (SensorConfigException e)
        {
            return e.Message;
        }
        catch (Plant.Zones.ZoneConfigException e)
        {
            return e.Message;
        }
    }

    private static StatusConfig Copy(StatusConfig s) => new()
    {
        Driver = s.Driver,
        HardwareProfile = s.HardwareProfile,
        ProfilesDirectory = s.ProfilesDirectory,
        IoModuleDevice = s.IoModuleDevice,
        RelayMode = s.RelayMode,
        RelayThreshold = s.RelayThreshold,
        NoTrafficSeconds = s.NoTrafficSeconds,
        FakeGpioFile = s.FakeGpioFile,
    };
}
