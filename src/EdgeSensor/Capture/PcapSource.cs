using EdgeSensor.Decoding.Packet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace EdgeSensor.Capture;

/// <summary>
/// A pcap or pcapng file, or a live interface, read through SharpPcap/libpcap. Frames are handed out as spans over
/// libpcap's own buffer (SharpPcap's <see cref="PacketCapture.Data"/>), so the bytes are never copied. A live source
/// also answers libpcap's statistics (<see cref="TryReadStatistics"/>) to another thread.
/// </summary>
public sealed class PcapSource : ICaptureSource, ICaptureStatisticsSource
{
    /// <summary>Kernel capture buffer for live interfaces: a burst (a /24 scan) must not overflow the 2 MB default.</summary>
    public const int LiveBufferBytes = 32 * 1024 * 1024;

    /// <summary>How long a live read waits for a frame before answering Timeout, so callers can see a stop request.</summary>
    public const int IdleWaitMilliseconds = 5;

    private readonly PcapDevice _device;
    private readonly bool _live;

    /// <summary>
    /// Taken only by <see cref="TryReadStatistics"/> and <see cref="Dispose"/> (never per frame), so that statistics
    /// are never asked of a closed pcap handle.
    /// </summary>
    private readonly Lock _statisticsGate = new();
    private readonly InterfaceDropCounter? _interfaceDrops;
    private bool _disposed;
    private uint _lastReceived;
    private uint _lastDropped;
    private long _received;
    private long _dropped;

    private PcapSource(PcapDevice device, string description, bool live = false)
    {
        _device = device;
        _live = live;
        Description = description;
        LinkType = (LinkType)(ushort)device.LinkType;
        _interfaceDrops = live ? new InterfaceDropCounter(description) : null;
    }

    public LinkType LinkType { get; }

    public string Description { get; }

    public string? LastError { get; private set; }

    public long FramesRead { get; private set; }

    /// <summary>Opens a pcap or pcapng file.</summary>
    public static PcapSource OpenFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CaptureOpenException($"capture file not found: {path}");
        }

        var device = new CaptureFileReaderDevice(path);
        try
        {
            device.Open();
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException or InvalidOperationException)
        {
            device.Dispose();
            throw new CaptureOpenException($"cannot read capture file {path}: {e.Message}", e);
        }

        return new PcapSource(device, path);
    }

    /// <summary>
    /// Frames this source takes: <see cref="CaptureDirection.Inbound"/> when a live capture asked for it and libpcap
    /// could set it (see <see cref="DirectionNote"/> otherwise); a file has both.
    /// </summary>
    public CaptureDirection Direction { get; private init; } = CaptureDirection.Both;

    /// <summary>Why an inbound-only capture could not be set (null when it was, or was not asked for).</summary>
    public string? DirectionNote { get; private init; }

    /// <summary>
    /// Opens a live interface in promiscuous mode for passive capture (needs CAP_NET_RAW). Nothing is ever sent on it:
    /// the sensor calls no send or inject API of libpcap. With <see cref="CaptureDirection.Inbound"/> (the default)
    /// libpcap is also told to hand over only the frames the interface received (<c>pcap_setdirection</c>
    /// <c>PCAP_D_IN</c>); where it cannot, the capture takes both directions and <see cref="DirectionNote"/> says why.
    /// </summary>
    public static PcapSource OpenLive(string interfaceName, string? bpfFilter, CaptureDirection direction = CaptureDirection.Inbound, int readTimeoutMs = 100, int snapLength = 65535)
    {
        LibPcapLiveDevice? device = null;
        try
        {
            foreach (var candidate in LibPcapLiveDeviceList.New())
            {
                if (candidate.Name == interfaceName)
                {
                    device = candidate;
                    break;
                }
            }
        }
        catch (Exception e) when (e is PcapException or DllNotFoundException)
        {
            throw new CaptureOpenException($"cannot list capture interfaces: {e.Message}", e);
        }

        if (device is null)
        {
            throw new CaptureOpenException($"no such capture interface: {interfaceName}");
        }

        try
        {
            device.Open(new DeviceConfiguration
            {
                Mode = DeviceModes.Promiscuous,
                ReadTimeout = readTimeoutMs,
                Immediate = true,
                Snaplen = snapLength,
                BufferSize = LiveBufferBytes,
            });

            // Non-blocking: in immediate mode libpcap would otherwise wait for the next frame however long it takes,
            // and a stop request (Ctrl+C, SIGTERM) on an idle interface would go unseen.
            device.NonBlockingMode = true;
            if (!string.IsNullOrWhiteSpace(bpfFilter))
            {
                device.Filter = bpfFilter;
            }
        }
        catch (Exception e) when (e is PcapException or InvalidOperationException)
        {
            device.Dispose();
            throw new CaptureOpenException($"cannot capture on {interfaceName}: {e.Message}", e);
        }

        // After activation (pcap_setdirection needs an activated handle), before the first read.
        string? note = direction == CaptureDirection.Inbound ? LibPcapDirection.TrySetInbound(device) : null;
        return new PcapSource(device, interfaceName, live: true)
        {
            Direction = direction == CaptureDirection.Inbound && note is null ? CaptureDirection.Inbound : CaptureDirection.Both,
            DirectionNote = note,
        };
    }

    public CaptureReadStatus TryReadNext(out CapturedFrame frame)
    {
        GetPacketStatus status = _device.GetNextPacket(out PacketCapture capture);
        switch (status)
        {
            case GetPacketStatus.PacketRead:
                FramesRead++;
                var header = capture.Header;
                long micros = checked((long)header.Timeval.Seconds * 1_000_000L + (long)header.Timeval.MicroSeconds);
                frame = new CapturedFrame(capture.Data, micros, header is PcapHeader pcapHeader ? (int)pcapHeader.PacketLength : capture.Data.Length);
                return CaptureReadStatus.Frame;
            case GetPacketStatus.ReadTimeout:
                frame = default;
                if (_live)
                {
                    Thread.Sleep(IdleWaitMilliseconds);
                }

                return CaptureReadStatus.Timeout;
            case GetPacketStatus.NoRemainingPackets:
                frame = default;
                return CaptureReadStatus.EndOfCapture;
            default:
                frame = default;
                LastError = _device.LastError;
                return CaptureReadStatus.Error;
        }
    }

    /// <summary>
    /// libpcap's counters since the interface was opened (<c>pcap_stats</c>: on Linux the packet socket's
    /// PACKET_STATISTICS), and the interface's own drops; false for a file, or once disposed. libpcap's 32-bit counters
    /// are widened here, so they keep counting past 4 billion frames.
    /// </summary>
    public bool TryReadStatistics(out CaptureStatistics statistics)
    {
        statistics = default;
        if (!_live)
        {
            return false;
        }

        lock (_statisticsGate)
        {
            if (_disposed)
            {
                return false;
            }

            ICaptureStatistics? s;
            try
            {
                s = _device.Statistics;
            }
            catch (Exception e) when (e is PcapException or InvalidOperationException)
            {
                return false;
            }

            if (s is null)
            {
                return false;
            }

            // Unsigned differences: a 32-bit counter that wrapped still gives the right step.
            _received += unchecked(s.ReceivedPackets - _lastReceived);
            _dropped += unchecked(s.DroppedPackets - _lastDropped);
            (_lastReceived, _lastDropped) = (s.ReceivedPackets, s.DroppedPackets);
            statistics = new CaptureStatistics(_received, _dropped, _interfaceDrops?.Read());
            return true;
        }
    }

    public void Dispose()
    {
        lock (_statisticsGate)
        {
            _disposed = true;
            _device.Dispose();
        }
    }
}
