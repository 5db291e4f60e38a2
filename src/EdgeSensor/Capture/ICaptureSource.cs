using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Capture;

/// <summary>
/// Where frames come from: a capture file, a live interface, or frames held in memory. The only seam to SharpPcap.
/// Reads are pull-style so the caller owns the loop and the frame's bytes are decoded in place.
/// </summary>
public interface ICaptureSource : IDisposable
{
    LinkType LinkType { get; }

    /// <summary>A human-readable description of the source (file path or interface name).</summary>
    string Description { get; }

    /// <summary>Why the last read answered <see cref="CaptureReadStatus.Error"/>.</summary>
    string? LastError { get; }

    /// <summary>Frames read so far.</summary>
    long FramesRead { get; }

    CaptureReadStatus TryReadNext(out CapturedFrame frame);
}
