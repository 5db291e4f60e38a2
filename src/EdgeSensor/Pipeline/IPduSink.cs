using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.Rdp;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Decoding.Tls;

namespace EdgeSensor.Pipeline;

/// <summary>
/// Receives every PDU the pipeline decodes, on the capture thread, in capture order. Spans are valid only during
/// the call: copy what must outlive it. Implementations must not block.
/// </summary>
public interface IPduSink
{
    /// <summary>A framed Modbus/TCP ADU. <paramref name="status"/> is Malformed when the PDU broke a rule; the fields decoded before that are set.</summary>
    void OnModbus(in PduContext context, in ModbusAdu adu, ReadOnlySpan<byte> bytes, DecodeStatus status, ModbusMalformedReason reason, long requestFrame);

    /// <summary>A COTP connection request/confirm or disconnect request/confirm.</summary>
    void OnCotpConnection(in PduContext context, in CotpTpdu tpdu);

    /// <summary>
    /// A complete S7comm PDU (COTP fragments already joined) whose header passed the S7comm check. For a userdata SZL
    /// request or answer, <paramref name="szl"/> carries the SZL id and index, resolved across split answers.
    /// </summary>
    void OnS7Comm(in PduContext context, ReadOnlySpan<byte> pdu, in S7Header header, in SzlReference szl);

    /// <summary>An S7comm-plus PDU or fragment (one COTP DT payload starting with 0x72).</summary>
    void OnS7Plus(in PduContext context, in S7PlusHeader header, ReadOnlySpan<byte> payload);

    /// <summary>A unit was malformed (counted already); <paramref name="reason"/> is the layer's reason enum value.</summary>
    void OnMalformed(in PduContext context, ProtocolLayer layer, byte reason);

    /// <summary>Bytes on an ICS port that are not that protocol (a TLS hello on 502, a scanner's probe on 102).</summary>
    void OnForeignTraffic(in PduContext context, IcsProtocol expected)
    {
    }

    /// <summary>A segment on a port that is not an ICS port but that carries what looks like Modbus/TCP or S7 (ISO-on-TCP).</summary>
    void OnIcsOnNonStandardPort(in PduContext context, IcsProtocol looksLike)
    {
    }

    /// <summary>A TLS ClientHello (SNI, offered versions) on any port.</summary>
    void OnTlsClientHello(in PduContext context, in TlsClientHello hello)
    {
    }

    /// <summary>A TLS ServerHello (selected version and cipher suite).</summary>
    void OnTlsServerHello(in PduContext context, in TlsServerHello hello)
    {
    }

    /// <summary>The leaf certificate (DER) of a TLS 1.2-or-earlier Certificate message, and how many certificates the chain had.</summary>
    void OnTlsCertificate(in PduContext context, ReadOnlySpan<byte> leafDer, int chainLength)
    {
    }

    /// <summary>An RDP connection request (X.224 CR): cookie or routing token, requested protocols, flags.</summary>
    void OnRdpConnectionRequest(in PduContext context, in RdpConnectionRequest request)
    {
    }

    /// <summary>An RDP connection confirm (X.224 CC): selected protocol or negotiation failure.</summary>
    void OnRdpConnectionConfirm(in PduContext context, in RdpConnectionConfirm confirm)
    {
    }
}
