namespace EdgeSensor.Capture;

/// <summary>
/// One captured frame: a view of the capture library's buffer (no copy), valid only until the next read.
/// </summary>
public readonly ref struct CapturedFrame
{
    public CapturedFrame(ReadOnlySpan<byte> data, long timestampMicroseconds, int originalLength)
    {
        Data = data;
        TimestampMicroseconds = timestampMicroseconds;
        OriginalLength = originalLength;
    }

    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Capture time, microseconds since the Unix epoch (UTC).</summary>
    public long TimestampMicroseconds { get; }

    /// <summary>Length on the wire; larger than <see cref="Data"/> when the snap length cut the frame.</summary>
    public int OriginalLength { get; }
}
