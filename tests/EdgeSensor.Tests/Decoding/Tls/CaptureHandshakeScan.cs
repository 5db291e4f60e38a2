using System.Text;
using EdgeSensor.Capture;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Rdp;
using EdgeSensor.Decoding.Tcp;
using EdgeSensor.Decoding.Tls;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Decoding.Tls;

/// <summary>
/// Test harness: reads a capture, reassembles every TCP direction in order (PacketDecoder + TcpReassembler), feeds each
/// direction to <see cref="TlsStreamParser"/> (port-agnostic, as TLS runs on 443, 502, 8888, 10201 and after X.224 on
/// 3389) and reads the first TPKT PDU of each direction as an RDP X.224 CR/CC. A SYN starts a new connection.
/// </summary>
internal sealed class CaptureHandshakeScan
{
    /// <summary>Bytes kept from the start of each direction for the X.224 check (a CR is well under this).</summary>
    private const int RdpPrefixBytes = 512;

    private readonly Dictionary<(NetAddress, ushort, NetAddress, ushort), Direction> _directions = [];
    private readonly BufferPool _pool = new(64 * 1024, 64);
    private int _chunkSize;

    public List<string> ServerNames { get; } = [];     // one entry per ClientHello; "" when it has no SNI

    public List<ushort> ClientHelloVersions { get; } = [];

    public List<(ushort Version, ushort CipherSuite)> ServerHellos { get; } = [];

    public HashSet<string> LeafCertificates { get; } = new(StringComparer.Ordinal);   // hex DER

    public List<string> RdpCookies { get; } = [];       // one entry per RDP connection request; "" without cookie

    public List<RdpConnectionConfirm> RdpConfirms { get; } = [];

    public List<TlsMalformedReason> TlsMalformed { get; } = [];

    public List<RdpMalformedReason> RdpMalformed { get; } = [];

    public int PoolOutstandingAtEnd { get; private set; }

    /// <summary>Scans a capture; <paramref name="chunkSize"/> &gt; 0 re-cuts every delivered segment into chunks of that size.</summary>
    public static CaptureHandshakeScan Run(string capture, int chunkSize = 0)
    {
        var scan = new CaptureHandshakeScan { _chunkSize = chunkSize };
        using var source = PcapSource.OpenFile(SharedData.Pcap(capture));
        while (source.TryReadNext(out CapturedFrame frame) == CaptureReadStatus.Frame)
        {
            if (PacketDecoder.TryDecode(source.LinkType, frame.Data, out PacketInfo info, out _) != DecodeStatus.Ok || !info.IsTcp)
            {
                continue;
            }

            scan.Accept(info, frame.Data.Slice(info.PayloadOffset, info.PayloadLength));
        }

        foreach (Direction d in scan._directions.Values)
        {
            scan.Finish(d);
        }

        scan.PoolOutstandingAtEnd = scan._pool.Outstanding;
        return scan;
    }

    private void Accept(in PacketInfo info, ReadOnlySpan<byte> payload)
    {
        var key = (info.Source, info.SourcePort, info.Destination, info.DestinationPort);
        if (!_directions.TryGetValue(key, out Direction? d))
        {
            d = new Direction(new Receiver(this));
            _directions[key] = d;
        }
        else if ((info.TcpFlags & TcpFlags.Syn) != 0 && d.Tcp.SequenceKnown && info.Sequence + 1 != d.Tcp.NextSequence)
        {
            Finish(d);
            d = new Direction(new Receiver(this));
            _directions[key] = d;
        }

        TcpDelivery delivery = TcpReassembler.Accept(ref d.Tcp, info.Sequence, info.TcpFlags, payload);
        if (delivery.IsEmpty || delivery.Late)
        {
            return;
        }

        if (delivery.GapBefore)
        {
            TlsStreamParser.Abandon(ref d.Tls, _pool);
            d.PrefixClosed = true;
        }

        ReadOnlySpan<byte> data = delivery.Data;
        if (!d.PrefixClosed)
        {
            int take = Math.Min(RdpPrefixBytes - d.Prefix.Count, data.Length);
            d.Prefix.AddRange(data[..take].ToArray());
            d.PrefixClosed = d.Prefix.Count >= RdpPrefixBytes;
        }

        if (_chunkSize <= 0)
        {
            TlsStreamParser.Process(ref d.Tls, data, _pool, d.Receiver);
            return;
        }

        for (int i = 0; i < data.Length; i += _chunkSize)
        {
            TlsStreamParser.Process(ref d.Tls, data.Slice(i, Math.Min(_chunkSize, data.Length - i)), _pool, d.Receiver);
        }
    }

    private void Finish(Direction d)
    {
        TlsStreamParser.Reset(ref d.Tls, _pool);
        ReadOnlySpan<byte> prefix = d.Prefix.ToArray();
        if (TpktFraming.TryGetFrameLength(prefix, out int length, out IsoMalformedReason _) != DecodeStatus.Ok || length > prefix.Length)
        {
            return;
        }

        DecodeStatus status = RdpDecoder.TryReadX224(prefix[TpktFraming.TpktHeaderLength..length], out CotpPduType type, out ReadOnlySpan<byte> rdpData, out RdpMalformedReason reason);
        if (status == DecodeStatus.Malformed)
        {
            RdpMalformed.Add(reason);
        }

        if (status != DecodeStatus.Ok)
        {
            return;
        }

        if (type == CotpPduType.ConnectRequest)
        {
            status = RdpDecoder.TryReadConnectionRequest(rdpData, out RdpConnectionRequest request, out reason);
            if (status == DecodeStatus.Malformed)
            {
                RdpMalformed.Add(reason);
            }

            if (status != DecodeStatus.NotThisProtocol && request.IsRdp)
            {
                RdpCookies.Add(request.HasCookie ? Encoding.ASCII.GetString(request.Cookie) : string.Empty);
            }
        }
        else
        {
            status = RdpDecoder.TryReadConnectionConfirm(rdpData, out RdpConnectionConfirm confirm, out reason);
            if (status == DecodeStatus.Malformed)
            {
                RdpMalformed.Add(reason);
            }

            if (confirm.Type != RdpNegotiationType.None)
            {
                RdpConfirms.Add(confirm);
            }
        }
    }

    private sealed class Direction(Receiver receiver)
    {
        public TcpDirectionState Tcp;
        public TlsHandshakeState Tls;
        public readonly Receiver Receiver = receiver;
        public readonly List<byte> Prefix = [];
        public bool PrefixClosed;
    }

    private sealed class Receiver(CaptureHandshakeScan scan) : ITlsHandshakeReceiver
    {
        public void OnClientHello(in TlsClientHello hello)
        {
            scan.ServerNames.Add(Encoding.ASCII.GetString(hello.ServerName));
            scan.ClientHelloVersions.Add(hello.Version);
        }

        public void OnServerHello(in TlsServerHello hello) => scan.ServerHellos.Add((hello.Version, hello.CipherSuite));

        public void OnCertificate(ReadOnlySpan<byte> leafDer, int chainLength) => scan.LeafCertificates.Add(Convert.ToHexString(leafDer));

        public void OnHandshakeDone()
        {
        }

        public void OnMalformed(TlsMalformedReason reason) => scan.TlsMalformed.Add(reason);
    }
}
