using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSensor.Hosting;

/// <summary>
/// <c>edge-sensor run --config FILE</c>: the sensor as a service (.NET generic host, systemd-aware): capture, pipeline,
/// plant model and detection on the capture thread; state saving, findings output and the watchdog as their own
/// services. SIGTERM / Ctrl+C stop it cleanly with the state saved; a bad configuration stops it at start with one line.
/// </summary>
public static class RunCommand
{
    /// <summary>What <c>edge-sensor run --help</c> prints.</summary>
    public const string Help = """
        usage: edge-sensor run --config FILE

        The sensor as a service (.NET generic host; systemd Type=notify with watchdog): captures live from an interface,
        or replays a capture file at its recorded pace, runs the plant model and detection, saves the state at intervals
        and on SIGTERM, and reports findings. Ctrl+C or SIGTERM stop it cleanly; a replay stops at the end of the file.

        options:
          --config FILE   the configuration, strict JSON (required); a bad one stops the sensor at start with one line
          -h, --help      this help

        configuration keys (src/EdgeSensor/Hosting/SensorConfig.cs):
          provisioning              factory state: { "file": claim bundle, "stateDirectory", "uplinkInterface" }; the
                                    sensor provisions itself (zero-touch) and site, sensorId, uplink, learning period,
                                    zones and thresholds come from the collector (src/EdgeSensor/Provisioning/README.md)
          site, sensorId            ids used in the MQTT topics and message ids (without provisioning)
          capture                   { "interface": "eth1", "bpf": "..." }, or { "file": "x.pcap", "replaySpeed": 1 }
                                    (1: as recorded, 0: as fast as possible). The interface must have no address
                                    (IPv4 or IPv6, link-local too: a silent tap, see TAP.md; edge-tap-setup IFACE),
                                    else the sensor refuses to start, unless "allowAddressedInterface": true
          stateFile                 where the plant model is saved, every saveIntervalSeconds (default 300) and at stop
          learningSeconds           the learning period in capture time (default 604800: a week)
          zonesFile                 zones configuration (JSON: name, Purdue level, subnets), as for analyze
          findingsFile              where anomalies and incident versions are appended as JSON Lines ("-": stdout)
          uplink                    { "host", "port", "caFile", "certificateFile", "keyFile", "outboxDirectory",
                                    "outboxMaxBytes" }: MQTT 5 with TLS to the collector, through a disk outbox
          capacities                table sizes: devices, relations, icsRelations, connections, icsFlows
          metricsIntervalSeconds    how often metrics (with the sensor's health) go over the uplink (default 60)
          status                    lights, relay, button, hardware profile; status.noTrafficSeconds (default 60)
                                    also raises the "no-traffic" health alert of a live capture

        output:
          Logs on stderr, one line each (start, learning ended, incidents opened, changed and closed, state saved);
          findings (anomaly and incident records, JSON Lines) to findingsFile and over the uplink.
          Health alerts (no-traffic, capture-drops, disk-low, memory-high) are logged when raised and when cleared.
          Exit code 0 after a clean stop, 1 if the capture failed, 2 for a bad configuration (an addressed interface
          too). The run is recorded in last-exit beside the state file ("running", then "exit N"); the next start
          reports a run that died.

        example:
          edge-sensor run --config /etc/edge-sensor/sensor.json
          with sensor.json:
            { "site": "plant1", "sensorId": "cabinet-7",
              "capture": { "file": "plant.pcap", "replaySpeed": 0 },
              "learningSeconds": 600, "stateFile": "plant.state", "findingsFile": "-" }

        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stderr)
    {
        if (args.Count != 2 || args[0] != "--config")
        {
            stderr.WriteLine("edge-sensor run: usage: run --config FILE");
            return 2;
        }

        SensorConfig local;
        try
        {
            local = SensorConfigLoader.Load(args[1]);
        }
        catch (SensorConfigException e)
        {
            stderr.WriteLine($"edge-sensor run: {e.Message}");
            return 2;
        }

        // A provisioned sensor starts its pipeline again, in this process, for a new configuration from the collector.
        while (true)
        {
            SensorConfig config = local;
            if (local.Provisioning is { } provisioning)
            {
                Provisioning.SensorIdentity? identity;
                try
                {
                    identity = Provisioning.SensorIdentity.Load(provisioning.IdentityFile);
                    if (identity is not null)
                    {
                        File.Delete(provisioning.PendingKeyFile);   // stored, then stopped before it was forgotten
                    }

                    identity ??= Provision(local, stderr);
                    if (identity is null)
                    {
                        return Environment.ExitCode;   // stopped (or a factory reset) before it was provisioned
                    }

                    config = Provisioning.ProvisionedConfig.Apply(local, identity);
                    SensorConfigLoader.Validate(config, $"{provisioning.IdentityFile} (configuration version {identity.Configuration.Version})");
                }
                catch (SensorConfigException e)
                {
                    stderr.WriteLine($"edge-sensor run: {e.Message}");
                    return 2;
                }
            }

            int exit = RunOnce(config, stderr, out bool again);
            if (!again)
            {
                return exit;
            }

            stderr.WriteLine("edge-sensor run: starting again with the new configuration");
        }
    }

    /// <summary>Factory state: runs the provisioning phase; the identity, or null when the sensor was stopped first.</summary>
    private static Provisioning.SensorIdentity? Provision(SensorConfig local, TextWriter stderr)
    {
        stderr.WriteLine($"edge-sensor run: factory state (no identity in {local.Provisioning!.IdentityFile}): provisioning");
        var runtime = new SensorRuntime(new SensorConfig { Capture = local.Capture, Status = local.Status, Provisioning = local.Provisioning }, _ => { })
        {
            ProvisioningStage = Status.BootStage.WaitingForProvisioning,
        };
        HostApplicationBuilder builder = NewHostBuilder(runtime);
        builder.Services.AddSingleton(local);
        builder.Services.AddSingleton<Provisioning.ProvisioningHostedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Provisioning.ProvisioningHostedService>());
        builder.Services.AddHostedService<WatchdogService>();
        builder.Services.AddHostedService<Status.StatusService>();
        using var host = builder.Build();
        var provisioning = host.Services.GetRequiredService<Provisioning.ProvisioningHostedService>();
        host.Run();
        return provisioning.Identity;
    }

    private static HostApplicationBuilder NewHostBuilder(SensorRuntime runtime)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // Logs go to standard error, so findings can go to standard output.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(runtime);
        SystemdNotifyService.AddTo(builder.Services);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    private static int RunOnce(SensorConfig config, TextWriter stderr, out bool again)
    {
        again = false;
        SensorRuntime runtime;
        try
        {
            runtime = new SensorRuntime(config, line => stderr.WriteLine($"edge-sensor run: {line}"));
        }
        catch (SensorConfigException e)
        {
            stderr.WriteLine($"edge-sensor run: {e.Message}");
            return 2;
        }

        // The previous run's end, before this run marks itself running (firmware/sensor/HEALTH.md).
        string? exitFile = Health.ExitFile.PathFor(config);
        if (exitFile is not null)
        {
            runtime.PreviousExit = Health.ExitFile.Read(exitFile);
            if (runtime.PreviousExit is { Clean: false } previous)
            {
                stderr.WriteLine($"edge-sensor run: the previous run did not stop cleanly: {Describe(previous)}");
            }

            if (Health.ExitFile.MarkRunning(exitFile, runtime.StartedAt) is { } why)
            {
                stderr.WriteLine($"edge-sensor run: cannot write {exitFile} ({why}): the next start will not know how this run ended");
            }
        }

        HostApplicationBuilder builder = NewHostBuilder(runtime);
        builder.Services.AddSingleton(sp => new Health.HealthMonitor(Health.HealthSources.ForSensor(runtime), Health.HealthAlertOptions.For(config.Status),
            TimeProvider.System, sp.GetRequiredService<ILogger<Health.HealthMonitor>>()));
        builder.Services.AddHostedService<StateService>();
        builder.Services.AddHostedService<FindingsService>();
        builder.Services.AddHostedService<WatchdogService>();
        builder.Services.AddHostedService<HealthService>();
        builder.Services.AddHostedService<Status.StatusService>();
        builder.Services.AddHostedService<CaptureService>();
        using (var host = builder.Build())
        {
            host.Run();
        }

        again = runtime.RestartRequested && Environment.ExitCode == 0;

        // A clean stop (an exception out of Run leaves "running": the next start reports it).
        if (exitFile is not null && Health.ExitFile.MarkExited(exitFile, Environment.ExitCode) is { } notWritten)
        {
            stderr.WriteLine($"edge-sensor run: cannot write {exitFile} ({notWritten})");
        }

        return Environment.ExitCode;
    }

    private static string Describe(Edge.Contracts.Lifecycle.PreviousExit e) =>
        string.Join(", ", new[]
        {
            e.Result,
            e.ExitCode is { } code ? $"exit code {code}" : null,
            e.Signal is { } signal ? $"signal {signal}" : null,
            e.At is { } at ? $"recorded {at:yyyy-MM-dd HH:mm:ss} UTC" : null,
            e.Source is { } source ? $"by {source}" : null,
        }.Where(x => x is not null));
}
