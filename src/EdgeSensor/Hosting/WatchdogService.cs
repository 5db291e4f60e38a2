using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace EdgeSensor.Hosting;

/// <summary>
/// Under systemd (Type=notify, WatchdogSec=30): pets the watchdog every 10 s as long as the capture loop has turned
/// since the last time (a live loop turns on every frame and every idle read timeout); a stuck capture thread stops
/// the petting and systemd restarts the service. Without systemd the notifier is absent and this does nothing.
/// </summary>
public sealed class WatchdogService(SensorRuntime runtime, IServiceProvider services) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService(typeof(ISystemdNotifier)) is not ISystemdNotifier notifier || !notifier.IsEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        long last = -1;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                long now = Volatile.Read(ref runtime.Heartbeat);
                if (now != last)
                {
                    notifier.Notify(new ServiceState("WATCHDOG=1"));
                    last = now;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
