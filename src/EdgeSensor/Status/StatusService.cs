using EdgeSensor.Hosting;
using EdgeSensor.Status.Hardware;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Edge.IoModule;

namespace EdgeSensor.Status;

/// <summary>
/// Drives the status lights and the relay, and listens to the button, on its own thread every 25 ms (GPIO never
/// runs on the capture thread). A short press acknowledges every open incident; holding the button 10 s (armed at 5 s:
/// all lights blink fast) resets the sensor to its factory state (<see cref="FactoryReset"/>) and stops it with exit
/// code 75 so that systemd starts it afresh. On stop the lights go off and the relay is released.
/// </summary>
public sealed partial class StatusService(SensorRuntime runtime, IHostApplicationLifetime lifetime, ILogger<StatusService> logger) : BackgroundService
{
    /// <summary>Exit code after a factory reset: "start me again" (systemd: RestartForceExitStatus=75).</summary>
    public const int FactoryResetExitCode = 75;

    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(25);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IStatusHardware? hardware;
        try
        {
            hardware = StatusHardwareFactory.Open(runtime.Config, line => LogHardware(line));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or PlatformNotSupportedException or Profiles.HardwareProfileException)
        {
            LogHardwareFailed(e.Message);
            return;
        }

        if (hardware is null)
        {
            return;
        }

        using (hardware)
        {
            var reader = new SensorStatusReader(runtime);
            var controller = new StatusController(hardware, runtime.Config.Status.ToOptions(), reader.Read, OnButton);
            runtime.Alarms.Acknowledged += a => LogAcknowledged(a.IncidentId, a.By, a.At);
            using var timer = new PeriodicTimer(Period);
            try
            {
                do
                {
                    controller.Tick(Environment.TickCount64);
                }
                while (await timer.WaitForNextTickAsync(stoppingToken));
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private void OnButton(ButtonEvent e)
    {
        switch (e)
        {
            case ButtonEvent.ShortPress:
                int n = runtime.Alarms.AcknowledgeAll(ButtonActor, DateTimeOffset.UtcNow);
                LogButtonAcknowledged(n);
                break;
            case ButtonEvent.LongPressArmed:
                LogResetArmed();
                break;
            case ButtonEvent.Cancelled:
                LogResetCancelled();
                break;
            case ButtonEvent.FactoryResetConfirmed:
                foreach (string removed in FactoryReset.Run(runtime.Config))
                {
                    LogReset(removed);
                }

                Environment.ExitCode = FactoryResetExitCode;
                lifetime.StopApplication();
                break;
        }
    }

    /// <summary>Who an acknowledgement by the button is recorded as.</summary>
    public const string ButtonActor = "button at the cabinet";

    [LoggerMessage(Level = LogLevel.Information, Message = "status lights: {Line}")]
    private partial void LogHardware(string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "status lights unavailable: {Reason}")]
    private partial void LogHardwareFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "incident {IncidentId} acknowledged by {By} at {At:u}; its alarm is off")]
    private partial void LogAcknowledged(string incidentId, string by, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "button: short press acknowledged {Count} open incidents")]
    private partial void LogButtonAcknowledged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "button held 5 s: factory reset armed; keep holding to 10 s to reset, release to cancel")]
    private partial void LogResetArmed();

    [LoggerMessage(Level = LogLevel.Information, Message = "button released: factory reset cancelled")]
    private partial void LogResetCancelled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "factory reset: removed {What}")]
    private partial void LogReset(string what);
}
