using EdgeSensor.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSensor.Provisioning;

/// <summary>
/// The factory-state phase of <c>edge-sensor run</c>: runs <see cref="ProvisioningClient"/> while the status lights show
/// "waiting for provisioning" / "provisioning" and the watchdog is petted, then stops the phase so the sensor starts
/// with its identity. A claim bundle that cannot be used is a configuration error (exit 2).
/// </summary>
public sealed partial class ProvisioningHostedService(SensorRuntime runtime, SensorConfig local, IHostApplicationLifetime lifetime,
    ILogger<ProvisioningHostedService> logger) : BackgroundService
{
    public SensorIdentity? Identity { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        runtime.ProvisioningStage = Status.BootStage.WaitingForProvisioning;
        using var alive = new PeriodicTimer(TimeSpan.FromSeconds(1));
        Task beat = Task.Run(async () =>
        {
            try
            {
                while (await alive.WaitForNextTickAsync(stoppingToken))
                {
                    Interlocked.Increment(ref runtime.Heartbeat);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
        try
        {
            var client = new ProvisioningClient(local.Provisioning!, local.Status.HardwareProfile, s => runtime.ProvisioningStage = s, line => LogLine(line),
                c => ProvisionedConfig.Check(local, Placeholder(local), c),
                EndpointDiscovery.For(local.Provisioning!, () => PinnedFingerprint(local.Provisioning!.File), line => LogLine(line)));
            Identity = await client.RunAsync(stoppingToken);
            runtime.RestartRequested = true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (SensorConfigException e)
        {
            LogFailed(e.Message);
            Environment.ExitCode = 2;
        }
        finally
        {
            alive.Dispose();
            await beat;
            lifetime.StopApplication();
        }
    }

    private static string? PinnedFingerprint(string bundle)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(bundle), Edge.Contracts.Serialization.EdgeJsonContext.Default.ProvisioningBundle)?.CaFingerprint
                .Replace(":", string.Empty, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>An identity to check a configuration against before there is one (only its configuration is used).</summary>
    private static SensorIdentity Placeholder(SensorConfig local) => new()
    {
        Serial = "factory",
        KeyPem = string.Empty,
        CertificatePem = string.Empty,
        CaPem = string.Empty,
        Configuration = new Edge.Contracts.Provisioning.SensorConfiguration { Version = 0, Site = "factory", SensorId = "factory" },
        Host = "localhost",
        Port = 8883,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private partial void LogLine(string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "provisioning impossible: {Reason}")]
    private partial void LogFailed(string reason);
}
