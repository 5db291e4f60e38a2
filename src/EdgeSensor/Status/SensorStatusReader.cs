using EdgeSensor.Hosting;

namespace EdgeSensor.Status;

/// <summary>
/// Reads the running sensor into <see cref="StatusInputs"/>: the capture's progress from its frame counter (read
/// racily, like metrics: no work on the capture thread), the learning phase, the uplink and outbox, the alarms nobody
/// acknowledged, and a fault when capture stopped with an error or, live, when the capture loop stopped turning for
/// <see cref="StallMs"/> (what systemd's watchdog acts on: in fail-safe mode the relay drops before systemd restarts
/// the sensor).
/// </summary>
public sealed class SensorStatusReader(SensorRuntime runtime)
{
    /// <summary>A live capture loop that has not turned for this long is stuck (it turns on every frame and every read timeout).</summary>
    public const long StallMs = 30_000;

    private long _lastFrames = -1;
    private long _lastFrameMs;
    private long _lastHeartbeat = -1;
    private long _lastHeartbeatMs;

    public StatusInputs Read(long nowMs)
    {
        double? quiet = null;
        if (runtime.Counters is { } counters)
        {
            long frames = Volatile.Read(ref counters.Frames);
            if (_lastFrames < 0)
            {
                // The first reading only starts the count: TAP lights for frames seen since, not before.
                _lastFrames = frames;
                _lastFrameMs = nowMs - 1001;
            }
            else if (frames != _lastFrames)
            {
                _lastFrames = frames;
                _lastFrameMs = nowMs;
            }

            quiet = (nowMs - _lastFrameMs) / 1000.0;
        }

        bool stalled = false;
        if (runtime.Counters is not null && runtime.Config.Capture.Interface is not null)
        {
            long heartbeat = Volatile.Read(ref runtime.Heartbeat);
            if (heartbeat != _lastHeartbeat)
            {
                _lastHeartbeat = heartbeat;
                _lastHeartbeatMs = nowMs;
            }

            stalled = nowMs - _lastHeartbeatMs >= StallMs;
        }

        var (phase, progress, _) = runtime.Phase();
        var (uplink, fill) = runtime.UplinkLight?.Invoke() ?? (UplinkLight.NotConfigured, 0);
        return new StatusInputs
        {
            Stage = runtime.ProvisioningStage ?? (runtime.Counters is null && runtime.Fault is null ? BootStage.Booting : BootStage.Running),
            Learning = phase == Edge.Contracts.Lifecycle.SensorStates.Learning,
            LearningProgress = progress ?? 0,
            Uplink = uplink,
            OutboxFill = fill,
            SecondsSinceLastFrame = quiet,
            UnacknowledgedScore = runtime.Alarms.UnacknowledgedScore,
            Fault = runtime.Fault is not null || stalled,
        };
    }
}
