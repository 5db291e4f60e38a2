using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Capture;

/// <summary>
/// Frames held in memory (one contiguous buffer): for benchmarks and tests that replay a real capture without I/O.
/// <see cref="Rewind"/> replays it again without allocating.
/// </summary>
public sealed class MemoryCaptureSource : ICaptureSource
{
    private readonly byte[] _bytes;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly long[] _timestamps;
    private int _next;

    private MemoryCaptureSource(LinkType linkType, string description, byte[] bytes, int[] offsets, int[] lengths, long[] timestamps)
    {
        LinkType = linkType;
        Description = description;
        _bytes = bytes;
        _offsets = offsets;
        _lengths = lengths;
        _timestamps = timestamps;
    }

    public LinkType LinkType { get; }

    public string Description { get; }

    public string? LastError => null;

    public long FramesRead { get; private set; }

    public int FrameCount => _offsets.Length;

    public long ByteCount => _bytes.Length;

    /// <summary>Reads every frame of <paramref name="source"/> into memory.</summary>
    public static MemoryCaptureSource Load(ICaptureSource source)
    {
        using var buffer = new MemoryStream();
        var offsets = new List<int>();
        var lengths = new List<int>();
        var timestamps = new List<long>();
        while (true)
        {
            var status = source.TryReadNext(out var frame);
            if (status == CaptureReadStatus.Frame)
            {
                offsets.Add((int)buffer.Length);
                lengths.Add(frame.Data.Length);
                timestamps.Add(frame.TimestampMicroseconds);
                buffer.Write(frame.Data);
            }
            else if (status == CaptureReadStatus.Timeout)
            {
                continue;
            }
            else if (status == CaptureReadStatus.Error)
            {
                throw new CaptureOpenException($"error reading {source.Description}: {source.LastError}");
            }
            else
            {
                break;
            }
        }

        return new MemoryCaptureSource(source.LinkType, source.Description, buffer.ToArray(), [.. offsets], [.. lengths], [.. timestamps]);
    }

    public static MemoryCaptureSource LoadFile(string path)
    {
        using var file = PcapSource.OpenFile(path);
        return Load(file);
    }

    public void Rewind()
    {
        _next = 0;
        FramesRead = 0;
    }

    public CaptureReadStatus TryReadNext(out CapturedFrame frame)
    {
        int i = _next;
        if ((uint)i >= (uint)_offsets.Length)
        {
            frame = default;
            return CaptureReadStatus.EndOfCapture;
        }

        _next = i + 1;
        FramesRead++;
        frame = new CapturedFrame(_bytes.AsSpan(_offsets[i], _lengths[i]), _timestamps[i], _lengths[i]);
        return CaptureReadStatus.Frame;
    }

    public void Dispose()
    {
    }
}
