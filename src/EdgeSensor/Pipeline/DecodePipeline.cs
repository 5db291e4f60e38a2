using EdgeSensor.Capture;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Tcp;
using EdgeSensor.Decoding.Tls;

namespace EdgeSensor.Pipeline;

/// <summary>
/// The hot path: frame bytes in, decoded PDUs out to an <see cref="IPduSink"/>. Link to transport decoding, ICS flow
/// tracking, TCP reassembly, PDU framing and the protocol decoders, all on the caller's thread with no allocation
/// per packet in steady state (flows and buffers come from fixed, reused pools).
/// The Modbus path is in DecodePipeline.Modbus.cs and the ISO-on-TCP/S7 path in DecodePipeline.Iso.cs.
/// </summary>
public sealed partial class DecodePipeline
{
    private const int IdleSweepEveryFrames = 4096;

    private readonly PipelineOptions _options;

    /// <summary>The ICS protocol of each TCP port (64 KiB, built once): a port lookup per segment without hashing.</summary>
    private readonly IcsProtocol[] _portProtocol = new IcsProtocol[65536];
    private readonly IPduSink _sink;
    private readonly IPacketObserver? _observer;
    private readonly FlowTable _flows;
    private readonly BufferPool _pduBuffers;
    private readonly ModbusReceiver _modbus;
    private readonly IsoReceiver _iso;
    private readonly TlsReceiver _tls;
    private readonly int[] _idleScratch = new int[256];
    private readonly long _idleTimeoutMicros;
    private int _nextFlowId;

    // The packet being processed (set before reassembly hands bytes to the receivers).
    private PacketInfo _packet;
    private long _frameNumber;
    private long _timestamp;
    private int _slot;
    private bool _toServer;

    public DecodePipeline(PipelineOptions options, IPduSink sink, LinkType linkType, IPacketObserver? observer = null)
    {
        _observer = observer;
        _options = options;
        foreach (ushort port in options.IsoPorts)
        {
            _portProtocol[port] = IcsProtocol.IsoOnTcp;
        }

        foreach (ushort port in options.ModbusPorts)
        {
            _portProtocol[port] = IcsProtocol.Modbus;
        }

        _sink = sink;
        LinkType = linkType;
        _flows = new FlowTable(options.FlowCapacity);
        _pduBuffers = new BufferPool(options.PduBufferSize, options.PduBufferCount);
        _modbus = new ModbusReceiver(this);
        _iso = new IsoReceiver(this);
        _tls = new TlsReceiver(this);
        _idleTimeoutMicros = (long)options.FlowIdleTimeout.TotalMicroseconds;
    }

    public LinkType LinkType { get; }

    public DecodeCounters Counters { get; } = new();

    public int ActiveFlows => _flows.Count;

    /// <summary>Reads <paramref name="source"/> to its end (or until cancelled) and decodes every frame.</summary>
    public void Run(ICaptureSource source, CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var status = source.TryReadNext(out var frame);
            if (status == CaptureReadStatus.Frame)
            {
                ProcessFrame(frame.Data, frame.TimestampMicroseconds);
            }
            else if (status == CaptureReadStatus.Timeout)
            {
                continue;
            }
            else if (status == CaptureReadStatus.Error)
            {
                throw new CaptureOpenException($"capture error on {source.Description}: {source.LastError}");
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>Decodes one frame. Never throws on packet bytes.</summary>
    public void ProcessFrame(ReadOnlySpan<byte> frame, long timestampMicroseconds)
    {
        _frameNumber++;
        _timestamp = timestampMicroseconds;
        Counters.Frames++;
        Counters.Bytes += frame.Length;
        if ((_frameNumber % IdleSweepEveryFrames) == 0)
        {
            SweepIdle();
        }

        var status = PacketDecoder.TryDecode(LinkType, frame, out _packet, out var packetReason);
        if (status != DecodeStatus.Ok)
        {
            Counters.CountMalformed(ProtocolLayer.Packet, (byte)packetReason);
            return;
        }

        if (_packet.IpVersion == 0)
        {
            Counters.NonIpFrames++;
            return;
        }

        if (_packet.IsFragment)
        {
            Counters.IpFragments++;
        }

        _observer?.OnPacket(in _packet, timestampMicroseconds, frame.Length);

        if (_packet.IsUdp)
        {
            Counters.UdpDatagrams++;
            return;
        }

        if (!_packet.IsTcp)
        {
            return;
        }

        Counters.TcpSegments++;
        var protocol = ProtocolFor(_packet.SourcePort, _packet.DestinationPort, out bool toServer);
        ReadOnlySpan<byte> payload = frame.Slice(_packet.PayloadOffset, _packet.PayloadLength);
        if (protocol == IcsProtocol.None && !IsInspected(payload, ref protocol, ref toServer))
        {
            return;
        }

        Counters.IcsSegments++;
        _slot = FindOrCreateFlow(protocol, toServer);
        ref IcsFlow flow = ref _flows[_slot];
        _toServer = flow.Key.IsFromA(_packet.Source, _packet.SourcePort) == flow.ServerIsB;
        flow.LastSeen = timestampMicroseconds;
        if (flow.Closed)
        {
            // After FIN/FIN or RST only a new SYN reopens the 5-tuple; late retransmissions are not a new stream.
            if ((_packet.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack)) != TcpFlags.Syn)
            {
                Counters.SegmentsAfterClose++;
                return;
            }

            flow.Closed = false;
            flow.ToServer.Tcp = default;
            flow.ToClient.Tcp = default;
        }

        ref IcsFlowDirection direction = ref _toServer ? ref flow.ToServer : ref flow.ToClient;

        if ((_packet.TcpFlags & TcpFlags.Syn) != 0)
        {
            // A new connection on this 5-tuple: forget partial PDUs of the previous one.
            ResetDirection(ref direction, flow.Protocol);
        }

        long retransmissions = direction.Tcp.Retransmissions;
        long outOfOrder = direction.Tcp.OutOfOrder;
        long gaps = direction.Tcp.Gaps;
        long lateFills = direction.Tcp.LateFills;
        var delivery = TcpReassembler.Accept(ref direction.Tcp, _packet.Sequence, _packet.TcpFlags, payload);
        Counters.TcpRetransmissions += direction.Tcp.Retransmissions - retransmissions;
        Counters.TcpOutOfOrder += direction.Tcp.OutOfOrder - outOfOrder;
        Counters.TcpGaps += direction.Tcp.Gaps - gaps;
        Counters.TcpLateFills += direction.Tcp.LateFills - lateFills;
        Deliver(ref direction, flow.Protocol, delivery);

        if ((_packet.TcpFlags & TcpFlags.Rst) != 0 || (flow.ToServer.Tcp.FinSeen && flow.ToClient.Tcp.FinSeen))
        {
            FinishFlow(_slot);
        }
    }

    /// <summary>Ends every flow (end of a capture file): partial PDUs are abandoned and counted.</summary>
    public void Complete()
    {
        // Stop once every live flow is closed: slots are handed out lowest first, so with the default 16k-slot table
        // this touches only the few slots in use instead of scanning all of them.
        var slots = _flows.Slots;
        int remaining = _flows.Count;
        for (int i = 0; i < slots.Length && remaining > 0; i++)
        {
            if (slots[i].InUse)
            {
                CloseFlow(i);
                remaining--;
            }
        }
    }

    /// <summary>
    /// Returns the pipeline to the state of a new one (flows ended as by <see cref="Complete"/>, counters zero,
    /// flow ids and frame numbers from the start), keeping its tables and pooled buffers, so one instance can decode
    /// a capture again without allocating (benchmarks, <c>edge-sensor bench</c>).
    /// </summary>
    public void Reset()
    {
        Complete();
        Counters.Clear();
        _nextFlowId = 0;
        _packet = default;
        _frameNumber = 0;
        _timestamp = 0;
        _slot = 0;
        _toServer = false;
    }

    private void Deliver(ref IcsFlowDirection direction, IcsProtocol protocol, TcpDelivery delivery)
    {
        if (delivery.IsEmpty)
        {
            return;
        }

        if (delivery.Late)
        {
            // A segment filling an earlier hole: decode its own PDUs apart from the stream's partial PDU.
            var late = default(IcsFlowDirection);
            late.S7Plus = direction.S7Plus;
            DeliverChunk(ref late, protocol, delivery.Data, false);
            ResetDirection(ref late, protocol);
            return;
        }

        DeliverChunk(ref direction, protocol, delivery.Data, delivery.GapBefore);
    }

    private void DeliverChunk(ref IcsFlowDirection direction, IcsProtocol protocol, ReadOnlySpan<byte> chunk, bool gapBefore)
    {
        if (protocol != IcsProtocol.Tls && direction.Stream.PendingLength == 0 && LooksLikeTlsHello(chunk))
        {
            // A TLS hello where an ICS PDU should start (TLS on 502 or 102): no MBAP or TPKT starts 0x16 0x03.
            ref IcsFlow flow = ref _flows[_slot];
            flow.Protocol = IcsProtocol.Tls;
            protocol = IcsProtocol.Tls;
            Counters.TlsFlowsInspected++;
        }

        if (protocol == IcsProtocol.Tls)
        {
            InspectTls(ref direction, chunk, gapBefore);
            return;
        }

        if (protocol == IcsProtocol.Modbus)
        {
            PduStream.Process<ModbusTcpFraming>(ref direction.Stream, chunk, gapBefore, _pduBuffers, _modbus);
            return;
        }

        if (gapBefore)
        {
            AbandonCotp(ref direction);
        }

        PduStream.Process<TpktFramingAdapter>(ref direction.Stream, chunk, gapBefore, _pduBuffers, _iso);
    }

    private int FindOrCreateFlow(IcsProtocol protocol, bool toServer)
    {
        int slot = FindOrCreateFlowCore(protocol, toServer, out bool created);
        if (created && protocol == IcsProtocol.Tls)
        {
            Counters.TlsFlowsInspected++;
        }

        return slot;
    }

    private int FindOrCreateFlowCore(IcsProtocol protocol, bool toServer, out bool created)
    {
        var key = new FlowKey(_packet.Source, _packet.SourcePort, _packet.Destination, _packet.DestinationPort, PacketInfo.ProtocolTcp, _packet.VlanId);
        created = false;
        if (_flows.TryFind(key, out int slot))
        {
            return slot;
        }

        created = true;
        if (_flows.Count == _flows.Capacity)
        {
            SweepIdle();
            if (_flows.Count == _flows.Capacity)
            {
                CloseFlow(_flows.LeastRecentlySeen());
                Counters.FlowsEvictedCapacity++;
            }
        }

        slot = _flows.Add(key);
        ref IcsFlow flow = ref _flows[slot];
        flow.Protocol = protocol;
        flow.ServerIsB = key.IsFromA(_packet.Source, _packet.SourcePort) == toServer;
        flow.Id = _nextFlowId++;
        flow.FirstSeen = _timestamp;
        flow.LastSeen = _timestamp;
        Counters.FlowsCreated++;
        return slot;
    }

    private void SweepIdle()
    {
        long cutoff = _timestamp - _idleTimeoutMicros;
        int n = _flows.CollectIdle(cutoff, _idleScratch);
        for (int i = 0; i < n; i++)
        {
            CloseFlow(_idleScratch[i]);
            Counters.FlowsEvictedIdle++;
        }
    }

    private void CloseFlow(int slot)
    {
        FinishFlow(slot);
        _flows.Remove(slot);
    }

    /// <summary>The connection ended: release held bytes and partial PDUs, keep the entry (closed) until it idles out.</summary>
    private void FinishFlow(int slot)
    {
        ref IcsFlow flow = ref _flows[slot];
        if (flow.Closed)
        {
            return;
        }

        flow.Closed = true;
        int saved = _slot;
        bool savedToServer = _toServer;
        _slot = slot;
        FlushDirection(ref flow.ToServer, flow.Protocol, true);
        FlushDirection(ref flow.ToClient, flow.Protocol, false);
        _slot = saved;
        _toServer = savedToServer;
    }

    private void FlushDirection(ref IcsFlowDirection direction, IcsProtocol protocol, bool toServer)
    {
        _toServer = toServer;
        ResetDirection(ref direction, protocol);
    }

    private void ResetDirection(ref IcsFlowDirection direction, IcsProtocol protocol)
    {
        PduStream.Reset(ref direction.Stream, _pduBuffers, protocol == IcsProtocol.Modbus ? _modbus : _iso);
        TlsStreamParser.Reset(ref direction.Tls, _pduBuffers);
        direction.InspectedBytes = 0;
        AbandonCotp(ref direction);
        direction.S7Plus = default;
        direction.S7Userdata.Reset();
    }

    /// <summary>The context of a PDU completing in the current frame, in the direction being processed.</summary>
    private PduContext CurrentContext()
    {
        ref IcsFlow flow = ref _flows[_slot];
        bool fromA = _toServer == flow.ServerIsB;
        var src = fromA ? flow.Key.A : flow.Key.B;
        var dst = fromA ? flow.Key.B : flow.Key.A;
        ushort srcPort = fromA ? flow.Key.PortA : flow.Key.PortB;
        ushort dstPort = fromA ? flow.Key.PortB : flow.Key.PortA;
        return new PduContext(_frameNumber, _timestamp, src, dst, srcPort, dstPort, flow.Key.VlanId, flow.Id, _toServer);
    }

    /// <summary>The protocol by server port: the destination's first (a request), else the source's (an answer).</summary>
    private IcsProtocol ProtocolFor(ushort sourcePort, ushort destinationPort, out bool toServer)
    {
        var protocol = _portProtocol[destinationPort];
        toServer = protocol != IcsProtocol.None;
        return toServer ? protocol : _portProtocol[sourcePort];
    }

    private void AbandonCotp(ref IcsFlowDirection direction)
    {
        if (direction.Cotp.Buffer is not null)
        {
            _pduBuffers.Return(direction.Cotp.Buffer);
        }

        direction.Cotp = default;
    }

    private ref IcsFlowDirection CurrentDirection()
    {
        ref IcsFlow flow = ref _flows[_slot];
        return ref _toServer ? ref flow.ToServer : ref flow.ToClient;
    }
}
