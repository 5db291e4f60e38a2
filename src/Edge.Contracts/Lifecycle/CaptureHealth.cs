namespace Edge.Contracts.Lifecycle;

/// <summary>
/// Frames the tap delivered and lost, counted since capture started (cumulative, like the metrics' counters). The
/// capture counters come from libpcap's statistics and the interface's own counters: they exist for a live interface
/// only, and are absent for a capture file replay.
/// </summary>
public sealed record CaptureHealth
{
    /// <summary>Frames the kernel handed to the capture (libpcap <c>ps_recv</c>).</summary>
    public long? Received { get; init; }

    /// <summary>Frames the kernel dropped because the capture buffer was full (libpcap <c>ps_drop</c>): the sensor fell behind.</summary>
    public long? KernelDropped { get; init; }

    /// <summary>Frames the network interface dropped before the kernel saw them (its <c>rx_missed_errors</c> + <c>rx_fifo_errors</c>, as libpcap counts <c>ps_ifdrop</c>).</summary>
    public long? InterfaceDropped { get; init; }

    /// <summary>Findings the sensor dropped itself because its hand-off queue was full (the capture thread never waits).</summary>
    public long? DroppedBySensor { get; init; }
}
