using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Pipeline;

public sealed partial class DecodePipeline
{
    /// <summary>The largest TSDU joined from COTP DT fragments (S7 PDUs are negotiated far below this).</summary>
    public const int MaxCotpTsduLength = 65_536;

    /// <summary>One COTP TSDU (a whole S7comm PDU or one S7comm-plus payload) to its decoder.</summary>
    private void DispatchTsdu(ref IcsFlowDirection direction, ReadOnlySpan<byte> tsdu)
    {
        if (tsdu.IsEmpty)
        {
            return;
        }

        if (tsdu[0] == S7CommDecoder.ProtocolId)
        {
            var status = S7CommDecoder.TryReadHeader(tsdu, out var header, out var reason);
            if (status == DecodeStatus.NotThisProtocol)
            {
                Counters.IsoUnknownPayloads++;
                return;
            }

            var context = CurrentContext();
            if (status == DecodeStatus.Malformed)
            {
                Counters.CountMalformed(ProtocolLayer.S7Comm, (byte)reason);
                _sink.OnMalformed(in context, ProtocolLayer.S7Comm, (byte)reason);
                return;
            }

            Counters.S7CommPdus++;
            var reader = new S7CommReader(tsdu);
            var pduStatus = reader.TryRead(out var pdu, out var pduReason);
            if (pduStatus == DecodeStatus.Malformed)
            {
                Counters.CountMalformed(ProtocolLayer.S7Comm, (byte)pduReason);
                _sink.OnMalformed(in context, ProtocolLayer.S7Comm, (byte)pduReason);
            }

            var szl = default(SzlReference);
            if (pdu.IsUserdata && direction.S7Userdata.TryGetSzlId(in pdu, out ushort szlId, out ushort szlIndex))
            {
                szl = new SzlReference(true, szlId, szlIndex);
            }

            _sink.OnS7Comm(in context, tsdu, in header, in szl);
            return;
        }

        if (tsdu[0] == S7PlusDecoder.ProtocolId)
        {
            var status = S7PlusDecoder.TryRead(tsdu, ref direction.S7Plus, out var header, out var reason);
            var context = CurrentContext();
            if (status == DecodeStatus.Malformed)
            {
                Counters.CountMalformed(ProtocolLayer.S7CommPlus, (byte)reason);
                _sink.OnMalformed(in context, ProtocolLayer.S7CommPlus, (byte)reason);
            }

            if (status != DecodeStatus.NotThisProtocol)
            {
                Counters.S7PlusPdus++;
                _sink.OnS7Plus(in context, in header, tsdu);
            }

            return;
        }

        Counters.IsoUnknownPayloads++;
    }

    private sealed class IsoReceiver(DecodePipeline pipeline) : IPduReceiver
    {
        public void OnPdu(ReadOnlySpan<byte> tpkt)
        {
            var p = pipeline;
            p.Counters.IsoTpdus++;
            var status = CotpDecoder.TryRead(tpkt[TpktFraming.TpktHeaderLength..], out var tpdu, out var reason);
            if (status != DecodeStatus.Ok)
            {
                // RDP puts its cookie where ISO 8073 has CR parameters: an RDP probe on an ISO-TSAP port is RDP, not broken COTP.
                if (p.TryReportRdp(tpkt))
                {
                    return;
                }

                Malformed(reason);
                return;
            }

            ref IcsFlowDirection direction = ref p.CurrentDirection();
            if (tpdu.IsConnectionManagement)
            {
                p.Counters.CotpConnectionTpdus++;
                var context = p.CurrentContext();
                p._sink.OnCotpConnection(in context, in tpdu);
                if (tpdu.Type == CotpPduType.ConnectRequest)
                {
                    p.AbandonCotp(ref direction);
                    direction.S7Plus = default;
                    direction.S7Userdata.Reset();
                }

                return;
            }

            if (tpdu.Type != CotpPduType.Data)
            {
                return;
            }

            ref CotpReassemblyState cotp = ref direction.Cotp;
            if (!tpdu.EndOfTsdu || cotp.Length > 0)
            {
                if (cotp.Buffer is null && !p._pduBuffers.TryRent(out cotp.Buffer!))
                {
                    cotp.Buffer = null;
                    p.Counters.PduBytesAbandoned += tpdu.UserData.Length;
                    return;
                }

                if (cotp.Length + tpdu.UserData.Length > Math.Min(cotp.Buffer.Length, MaxCotpTsduLength))
                {
                    p.AbandonCotp(ref direction);
                    Malformed(IsoMalformedReason.CotpReassemblyOverflow);
                    return;
                }

                tpdu.UserData.CopyTo(cotp.Buffer.AsSpan(cotp.Length));
                cotp.Length += tpdu.UserData.Length;
                cotp.Fragments++;
                if (!tpdu.EndOfTsdu)
                {
                    return;
                }

                p.DispatchTsdu(ref direction, cotp.Buffer.AsSpan(0, cotp.Length));
                p.AbandonCotp(ref direction);
                return;
            }

            p.DispatchTsdu(ref direction, tpdu.UserData);
        }

        public void OnRejected(ReadOnlySpan<byte> rest, DecodeStatus status, byte reason)
        {
            if (status == DecodeStatus.NotThisProtocol)
            {
                pipeline.Counters.IsoNotThisProtocol++;
                var foreign = pipeline.CurrentContext();
                pipeline._sink.OnForeignTraffic(in foreign, IcsProtocol.IsoOnTcp);
                return;
            }

            Malformed((IsoMalformedReason)reason);
        }

        public void OnAbandoned(int bytes) => pipeline.Counters.PduBytesAbandoned += bytes;

        private void Malformed(IsoMalformedReason reason)
        {
            pipeline.Counters.CountMalformed(ProtocolLayer.IsoOnTcp, (byte)reason);
            var context = pipeline.CurrentContext();
            pipeline._sink.OnMalformed(in context, ProtocolLayer.IsoOnTcp, (byte)reason);
        }
    }
}
