using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeSensor.Hosting;

/// <summary>
/// systemd's notify protocol (Type=notify) across the sensor's phases: READY=1 once a phase has started, STOPPING=1
/// only when the sensor really stops, not when it starts its pipeline again (provisioned, or a new configuration),
/// which systemd would otherwise take for a stop in progress. Registered only under systemd.
/// </summary>
public sealed class SystemdNotifyService(ISystemdNotifier notifier, SensorRuntime runtime, IHostApplicationLifetime lifetime) : IHostedService
{
    public static void AddTo(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        if (!SystemdHelpers.IsSystemdService())
        {
            return;
        }

        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ISystemdNotifier, SystemdNotifier>(services);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions.AddHostedService<SystemdNotifyService>(services);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => notifier.Notify(ServiceState.Ready));
        lifetime.ApplicationStopping.Register(() =>
        {
            if (!runtime.RestartRequested)
            {
                notifier.Notify(ServiceState.Stopping);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
