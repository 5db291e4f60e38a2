using EdgeSensor.Hosting;

namespace EdgeSensor.Status;

/// <summary>
/// Reads the running sensor into <see cref="StatusInputs"/>: the capture's progress from its frame counter (read
/// racily, like metrics: no work on the capture thread), the learning phase, the uplink and outbox, the alarms nobody
/// acknowledged, and a fault when capture stopped with an error.
/// </summary>
public sealed class SensorStatusReader(SensorRuntime runtime)
{
    private long _lastFrames = -1;
    private long _lastFrameMs;

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

        var (phase, progress, _) = runtime.Phase();
        var (uplink, fill) = runtime.UplinkLight?.Invoke() ?? (UplinkLight.NotConfigured, 0);
        return new StatusInputs
        {
            Stage = runtime.Counters is null && runtime.Fault is null ? BootStage.Booting : BootStage.Running,
            Learning = phase == Edge.Contracts.Lifecycle.SensorStates.Learning,
            LearningProgress = progress ?? 0,
            Uplink = uplink,
            OutboxFill = fill,
            SecondsSinceLastFrame = quiet,
            UnacknowledgedScore = runtime.Alarms.UnacknowledgedScore,
            Fault = runtime.Fault is not null,
        };
    }
}
