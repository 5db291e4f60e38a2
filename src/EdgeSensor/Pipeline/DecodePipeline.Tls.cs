using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Rdp;
using EdgeSensor.Decoding.Tcp;
using EdgeSensor.Decoding.Tls;

namespace EdgeSensor.Pipeline;

public sealed partial class DecodePipeline
{
    public const ushort RdpPort = 3389;

    /// <summary>
    /// Whether a non-ICS TCP segment belongs to a flow inspected for TLS/RDP: an existing inspected flow, or a segment
    /// that opens with a TLS ClientHello/ServerHello record, or RDP's TPKT on 3389.
    /// </summary>
    private bool IsInspected(ReadOnlySpan<byte> payload, ref IcsProtocol protocol, ref bool toServer)
    {
        if (!_options.InspectTls)
        {
            return false;
        }

        var key = new FlowKey(_packet.Source, _packet.SourcePort, _packet.Destination, _packet.DestinationPort, PacketInfo.ProtocolTcp, _packet.VlanId);
        if (_flows.TryFind(key, out int slot))
        {
            ref IcsFlow flow = ref _flows[slot];
            protocol = flow.Protocol;
            toServer = flow.Key.IsFromA(_packet.Source, _packet.SourcePort) == flow.ServerIsB;
            return true;
        }

        bool rdp = (_packet.DestinationPort == RdpPort || _packet.SourcePort == RdpPort) && payload.Length >= 4 && payload[0] == TpktFraming.Version && payload[1] == 0;
        if (!rdp && !LooksLikeTlsHello(payload))
        {
            var looksLike = IcsSniffer.Classify(payload);
            if (looksLike != IcsProtocol.None)
            {
                Counters.IcsOnNonStandardPort++;
                var context = new PduContext(_frameNumber, _timestamp, _packet.Source, _packet.Destination, _packet.SourcePort,
                    _packet.DestinationPort, _packet.VlanId, -1, _packet.DestinationPort < _packet.SourcePort);
                _sink.OnIcsOnNonStandardPort(in context, looksLike);
            }

            return false;
        }

        protocol = IcsProtocol.Tls;
        toServer = rdp ? _packet.DestinationPort == RdpPort
            : payload[5] == (byte)TlsHandshakeType.ClientHello || (payload[5] != (byte)TlsHandshakeType.ServerHello && _packet.DestinationPort < _packet.SourcePort);
        return true;
    }

    /// <summary>A TLS handshake record carrying a ClientHello or ServerHello: 0x16, major version 3, then msg type 1 or 2.</summary>
    private static bool LooksLikeTlsHello(ReadOnlySpan<byte> chunk) =>
        chunk.Length >= 6 && chunk[0] == (byte)TlsContentType.Handshake && chunk[1] == 3
        && chunk[5] is (byte)TlsHandshakeType.ClientHello or (byte)TlsHandshakeType.ServerHello;

    private void InspectTls(ref IcsFlowDirection direction, ReadOnlySpan<byte> chunk, bool gapBefore)
    {
        if (direction.Tls.IsDone || direction.Tls.IsNotTls)
        {
            return;
        }

        if (gapBefore)
        {
            TlsStreamParser.Abandon(ref direction.Tls, _pduBuffers);
            return;
        }

        if (direction.InspectedBytes == 0 && chunk.Length >= 4 && chunk[0] == TpktFraming.Version && chunk[1] == 0)
        {
            InspectRdp(chunk);
        }

        direction.InspectedBytes += chunk.Length;
        TlsStreamParser.Process(ref direction.Tls, chunk, _pduBuffers, _tls);
    }

    /// <summary>One whole TPKT that is an RDP connection request: reported as such (for ISO ports that get RDP probes).</summary>
    private bool TryReportRdp(ReadOnlySpan<byte> tpkt)
    {
        if (RdpDecoder.TryReadX224(tpkt[TpktFraming.TpktHeaderLength..], out var type, out var rdpData, out _) != DecodeStatus.Ok
            || type != CotpPduType.ConnectRequest
            || RdpDecoder.TryReadConnectionRequest(rdpData, out var request, out _) != DecodeStatus.Ok || !request.IsRdp)
        {
            return false;
        }

        Counters.RdpConnectionRequests++;
        var context = CurrentContext();
        _sink.OnRdpConnectionRequest(in context, in request);
        return true;
    }

    /// <summary>RDP's first TPDU: an X.224 connection request (client) or confirm (server).</summary>
    private void InspectRdp(ReadOnlySpan<byte> chunk)
    {
        if (TpktFraming.TryGetFrameLength(chunk, out int length, out IsoMalformedReason _) != DecodeStatus.Ok || length > chunk.Length)
        {
            return;
        }

        var context = CurrentContext();
        var status = RdpDecoder.TryReadX224(chunk[TpktFraming.TpktHeaderLength..length], out var type, out var rdpData, out var reason);
        if (status == DecodeStatus.Ok && type == CotpPduType.ConnectRequest)
        {
            status = RdpDecoder.TryReadConnectionRequest(rdpData, out var request, out reason);
            if (status == DecodeStatus.Ok)
            {
                Counters.RdpConnectionRequests++;
                _sink.OnRdpConnectionRequest(in context, in request);
                return;
            }
        }
        else if (status == DecodeStatus.Ok && type == CotpPduType.ConnectConfirm)
        {
            status = RdpDecoder.TryReadConnectionConfirm(rdpData, out var confirm, out reason);
            if (status == DecodeStatus.Ok)
            {
                Counters.RdpConnectionConfirms++;
                _sink.OnRdpConnectionConfirm(in context, in confirm);
                return;
            }
        }

        if (status == DecodeStatus.Malformed)
        {
            Counters.CountMalformed(ProtocolLayer.Rdp, (byte)reason);
            _sink.OnMalformed(in context, ProtocolLayer.Rdp, (byte)reason);
        }
    }

    private sealed class TlsReceiver(DecodePipeline pipeline) : ITlsHandshakeReceiver
    {
        public void OnClientHello(in TlsClientHello hello)
        {
            var p = pipeline;
            p.Counters.TlsClientHellos++;
            if (!hello.HasServerName)
            {
                p.Counters.TlsClientHellosWithoutSni++;
            }

            var context = p.CurrentContext();
            p._sink.OnTlsClientHello(in context, in hello);
        }

        public void OnServerHello(in TlsServerHello hello)
        {
            pipeline.Counters.TlsServerHellos++;
            var context = pipeline.CurrentContext();
            pipeline._sink.OnTlsServerHello(in context, in hello);
        }

        public void OnCertificate(ReadOnlySpan<byte> leafDer, int chainLength)
        {
            pipeline.Counters.TlsCertificates++;
            var context = pipeline.CurrentContext();
            pipeline._sink.OnTlsCertificate(in context, leafDer, chainLength);
        }

        public void OnHandshakeDone()
        {
        }

        public void OnMalformed(TlsMalformedReason reason)
        {
            pipeline.Counters.CountMalformed(ProtocolLayer.Tls, (byte)reason);
            var context = pipeline.CurrentContext();
            pipeline._sink.OnMalformed(in context, ProtocolLayer.Tls, (byte)reason);
        }
    }
}
