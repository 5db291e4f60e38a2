using EdgeSensor.Health;
using Microsoft.Extensions.Hosting;

namespace EdgeSensor.Hosting;

/// <summary>
/// Checks the sensor's health every few seconds (<see cref="HealthMonitor.Check"/>), with or without an uplink, so that
/// a dead tap, capture drops, a full disk or memory near its cap are raised and logged soon after they begin; the
/// metrics loop publishes what stands. Reads files and counters only: nothing runs on the capture thread.
/// </summary>
public sealed class HealthService(HealthMonitor monitor, SensorRuntime runtime) : BackgroundService
{
    /// <summary>The longest wait between checks; shorter when no-traffic is configured shorter, to keep its alert timely.</summary>
    public static readonly TimeSpan MaxCheckPeriod = TimeSpan.FromSeconds(5);

    public static TimeSpan CheckPeriod(StatusConfig status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return TimeSpan.FromSeconds(Math.Clamp(status.NoTrafficSeconds / 4, 0.25, MaxCheckPeriod.TotalSeconds));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckPeriod(runtime.Config.Status));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                monitor.Check();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
