namespace EdgeSensor.Pipeline;

/// <summary>The application protocol a TCP flow is decoded as, chosen by its server port.</summary>
public enum IcsProtocol : byte
{
    None = 0,

    /// <summary>Modbus/TCP (MBAP framing), port 502 by default.</summary>
    Modbus = 1,

    /// <summary>ISO-on-TCP (RFC 1006 TPKT + COTP) carrying S7comm or S7comm-plus, port 102 by default.</summary>
    IsoOnTcp = 2,

    /// <summary>
    /// The cleartext start of a TLS connection on any port (ClientHello, ServerHello, certificates), with RDP's
    /// X.224 connection request/confirm in front of it on 3389. Inspected until the handshake turns encrypted.
    /// </summary>
    Tls = 3,
}
