using EdgeSensor.Hosting;

namespace EdgeSensor.Status;

/// <summary>
/// Returns the sensor to the state it left the factory in: what it learned (the plant state file), what it had not
/// sent yet (the outbox and its bdSeq) and the findings file are removed; a provisioned sensor's identity too (it provisions itself again). The configuration stays (it is the
/// installer's, not the sensor's). Returns what it removed, for the log.
/// </summary>
public static class FactoryReset
{
    public static IReadOnlyList<string> Run(SensorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var removed = new List<string>();
        foreach (string? file in new[] { config.StateFile, config.FindingsFile is "-" ? null : config.FindingsFile })
        {
            if (file is not null && File.Exists(file))
            {
                File.Delete(file);
                removed.Add(file);
            }
        }

        // A provisioned sensor also forgets its identity (key, certificate, configuration) and asks again; the serial
        // number stays: it is the box's.
        if (config.Provisioning is { } p)
        {
            foreach (string file in new[] { p.IdentityFile, p.PendingKeyFile, Path.Combine(p.StateDirectory, "renewal-key.pem") })
            {
                if (File.Exists(file))
                {
                    File.Delete(file);
                    removed.Add(file);
                }
            }
        }

        if (config.Uplink?.OutboxDirectory is { } outbox && Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
            removed.Add(outbox);
        }

        return removed;
    }
}
