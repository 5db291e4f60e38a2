namespace EdgeSensor.Capture;

/// <summary>
/// A capture that can say how many frames it received and lost (a live interface; a file cannot). Read from the
/// health and metrics loops, never from the capture thread; safe to call while the capture thread reads frames and
/// after the source was disposed (then it answers false).
/// </summary>
public interface ICaptureStatisticsSource
{
    bool TryReadStatistics(out CaptureStatistics statistics);
}
