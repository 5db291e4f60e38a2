using System.Text.Json;
using EdgeSensor.Plant.Zones;

namespace EdgeSensor.Hosting;

/// <summary>Reads and validates the configuration file; every problem is a <see cref="SensorConfigException"/> with one line.</summary>
public static class SensorConfigLoader
{
    public static SensorConfig Load(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SensorConfigException($"cannot read {path}: {e.Message}");
        }

        SensorConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(text, SensorConfigJsonContext.Default.SensorConfig);
        }
        catch (JsonException e)
        {
            throw new SensorConfigException($"{path}: not valid configuration JSON ({e.Message.Split('\n')[0]})");
        }

        if (config is null)
        {
            throw new SensorConfigException($"{path}: empty configuration");
        }

        Validate(config, path);
        return config;
    }

    public static void Validate(SensorConfig c, string source)
    {
        if (c.Provisioning is { } p && c.Identity is null)
        {
            // Factory state: the collector gives the ids and the uplink.
            if (c.Site.Length > 0 || c.SensorId.Length > 0 || c.Uplink is not null)
            {
                throw new SensorConfigException($"{source}: with provisioning, site, sensorId and uplink come from the collector; remove them");
            }

            if (string.IsNullOrWhiteSpace(p.File) || string.IsNullOrWhiteSpace(p.StateDirectory))
            {
                throw new SensorConfigException($"{source}: provisioning needs a file (the claim bundle) and a stateDirectory");
            }

            if (p.RetrySeconds is < 1 or > 3600 || double.IsNaN(p.RetrySeconds))
            {
                throw new SensorConfigException($"{source}: provisioning.retrySeconds must be between 1 and 3600");
            }
        }
        else
        {
            Id(c.Site, "site", source);
            Id(c.SensorId, "sensorId", source);
        }

        bool live = !string.IsNullOrWhiteSpace(c.Capture.Interface);
        bool file = !string.IsNullOrWhiteSpace(c.Capture.File);
        if (live == file)
        {
            throw new SensorConfigException($"{source}: capture: give either \"interface\" or \"file\"");
        }

        if (file && !System.IO.File.Exists(c.Capture.File))
        {
            throw new SensorConfigException($"{source}: capture file not found: {c.Capture.File}");
        }

        if (live && c.Capture.StayAfterEnd)
        {
            throw new SensorConfigException($"{source}: capture.stayAfterEnd applies to a file, not to an interface");
        }

        if (file && c.Capture.AllowAddressedInterface)
        {
            throw new SensorConfigException($"{source}: capture.allowAddressedInterface applies to an interface, not to a file");
        }

        if (c.Capture.ReplaySpeed < 0 || double.IsNaN(c.Capture.ReplaySpeed))
        {
            throw new SensorConfigException($"{source}: capture.replaySpeed must be 0 (as fast as possible) or more");
        }

        if (c.SaveIntervalSeconds is <= 0 or > 86400)
        {
            throw new SensorConfigException($"{source}: saveIntervalSeconds must be between 1 and 86400");
        }

        var caps = c.Capacities;
        foreach (var (name, value) in new[] { ("devices", caps.Devices), ("relations", caps.Relations), ("icsRelations", caps.IcsRelations), ("connections", caps.Connections), ("icsFlows", caps.IcsFlows) })
        {
            if (value is < 16 or > 4_000_000)
            {
                throw new SensorConfigException($"{source}: capacities.{name} must be between 16 and 4000000");
            }
        }

        if (c.Uplink is { } u)
        {
            if (string.IsNullOrWhiteSpace(u.Host) || u.Port is < 1 or > 65535)
            {
                throw new SensorConfigException($"{source}: uplink needs a host and a port between 1 and 65535");
            }

            if ((u.CertificateFile is null) != (u.KeyFile is null) || (u.CertificateFile is not null && u.CaFile is null))
            {
                throw new SensorConfigException($"{source}: uplink TLS needs caFile, certificateFile and keyFile together");
            }

            foreach (string? f in new[] { u.CaFile, u.CertificateFile, u.KeyFile })
            {
                if (f is not null && !System.IO.File.Exists(f))
                {
                    throw new SensorConfigException($"{source}: uplink file not found: {f}");
                }
            }

            if (u.OutboxMaxBytes < 1024 * 1024)
            {
                throw new SensorConfigException($"{source}: uplink.outboxMaxBytes must be at least 1 MiB");
            }
        }

        if (c.MetricsIntervalSeconds is < 1 or > 86400)
        {
            throw new SensorConfigException($"{source}: metricsIntervalSeconds must be between 1 and 86400");
        }

        if (c.LearningSeconds < 0)
        {
            throw new SensorConfigException($"{source}: learningSeconds must not be negative");
        }

        var st = c.Status;
        if (st.Driver is not ("auto" or "gpio" or "iomodule" or "fake" or "none"))
        {
            throw new SensorConfigException($"{source}: status.driver must be auto, gpio, iomodule, fake or none");
        }

        if (st.RelayMode is not ("latch" or "failsafe"))
        {
            throw new SensorConfigException($"{source}: status.relayMode must be latch or failsafe");
        }

        if (st.RelayThreshold is < 1 or > 100)
        {
            throw new SensorConfigException($"{source}: status.relayThreshold must be between 1 and 100");
        }

        if (st.NoTrafficSeconds is < 1 or > 86400 || double.IsNaN(st.NoTrafficSeconds))
        {
            throw new SensorConfigException($"{source}: status.noTrafficSeconds must be between 1 and 86400");
        }

        if (st.FakeGpioFile is not null && st.Driver != "fake")
        {
            throw new SensorConfigException($"{source}: status.fakeGpioFile needs status.driver \"fake\"");
        }

        if (st.Driver != "none")
        {
            try
            {
                var profiles = Status.Profiles.HardwareProfiles.LoadAll(st.ProfilesDirectory ?? Status.Profiles.HardwareProfiles.DefaultDirectory);
                _ = Status.Profiles.HardwareProfiles.Select(profiles, st.HardwareProfile, null);
            }
            catch (Status.Profiles.HardwareProfileException e)
            {
                throw new SensorConfigException($"{source}: {e.Message}");
            }
        }

        if (c.ZonesJson is not null)
        {
            try
            {
                _ = ZoneMap.Parse(c.ZonesJson, $"{source}: zones");
            }
            catch (ZoneConfigException e)
            {
                throw new SensorConfigException(e.Message);
            }
        }

        if (c.ZonesFile is not null)
        {
            try
            {
                _ = ZoneMap.Load(c.ZonesFile);
            }
            catch (ZoneConfigException e)
            {
                throw new SensorConfigException(e.Message);
            }
        }

        // Last: the one check of the machine's state rather than of the file.
        if (live && !c.Capture.AllowAddressedInterface && Capture.TapInterface.Addresses(c.Capture.Interface!) is { Count: > 0 } addresses)
        {
            throw new SensorConfigException(
                $"{source}: capture.interface {Capture.TapInterface.Describe(c.Capture.Interface!, addresses)}; {Capture.TapInterface.Hint}; "
                + "or set capture.allowAddressedInterface to capture there anyway");
        }
    }

    private static void Id(string value, string name, string source)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 || !value.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            throw new SensorConfigException($"{source}: {name} must be 1-64 characters of letters, digits, '-', '_' or '.'");
        }
    }
}
