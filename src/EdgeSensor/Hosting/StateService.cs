using EdgeSensor.Plant.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSensor.Hosting;

/// <summary>
/// Asks for a state snapshot every saveIntervalSeconds and writes the snapshots the capture thread takes (atomically:
/// temporary file, fsync, rename), including the last one at shutdown. Disk I/O never happens on the capture thread.
/// </summary>
public sealed partial class StateService(SensorRuntime runtime, ILogger<StateService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (runtime.Config.StateFile is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(runtime.Config.SaveIntervalSeconds));
        var ticks = Task.Run(async () =>
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    runtime.RequestSave();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        // Drain until the capture thread completes the channel (after its final snapshot), even past the stop signal.
        // The channel drops its oldest entry when full, so the last snapshot written is always the capture thread's final one.
        int lastLength = -1;
        await foreach (var snapshot in runtime.Snapshots.Reader.ReadAllAsync(CancellationToken.None))
        {
            PlantStateStore.WriteAtomically(runtime.Config.StateFile, snapshot);
            LogSaved(runtime.Config.StateFile, snapshot.Length);
            lastLength = snapshot.Length;
        }

        if (lastLength >= 0)
        {
            LogFinal(runtime.Config.StateFile, lastLength);
        }

        await ticks;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "state saved to {Path} ({Bytes} bytes)")]
    private partial void LogSaved(string path, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "capture ended: final state in {Path} ({Bytes} bytes)")]
    private partial void LogFinal(string path, int bytes);
}
