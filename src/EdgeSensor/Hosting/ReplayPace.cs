using System.Diagnostics;

namespace EdgeSensor.Hosting;

/// <summary>Replays a capture file at its recorded pace (times a speed factor); speed 0 means as fast as possible.</summary>
public sealed class ReplayPace(double speed)
{
    private readonly Stopwatch _clock = new();
    private long _firstFrame = -1;

    public void Wait(long frameMicros, CancellationToken stop)
    {
        if (speed <= 0)
        {
            return;
        }

        if (_firstFrame < 0)
        {
            _firstFrame = frameMicros;
            _clock.Start();
            return;
        }

        double dueMs = (frameMicros - _firstFrame) / 1000.0 / speed;
        double waitMs = dueMs - _clock.Elapsed.TotalMilliseconds;
        if (waitMs > 1)
        {
            stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Min(waitMs, 60_000)));
        }
    }
}
