namespace EdgeSensor.Capture;

/// <summary>
/// A live capture's counters since it was opened: frames the kernel handed over and dropped (libpcap's
/// <c>ps_recv</c> and <c>ps_drop</c>, widened from libpcap's 32 bits so they do not wrap), and frames the interface
/// itself dropped (null when the interface does not say).
/// </summary>
public readonly record struct CaptureStatistics(long Received, long KernelDropped, long? InterfaceDropped)
{
    /// <summary>Frames lost before the sensor saw them: the kernel's and the interface's drops.</summary>
    public long Dropped => KernelDropped + (InterfaceDropped ?? 0);
}
