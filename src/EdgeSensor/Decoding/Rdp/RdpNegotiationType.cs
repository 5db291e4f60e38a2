namespace EdgeSensor.Decoding.Rdp;

/// <summary>The type byte of the negotiation structures ([MS-RDPBCGR] 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2, 2.2.1.1.2).</summary>
public enum RdpNegotiationType : byte
{
    None = 0,
    Request = 0x01,
    Response = 0x02,
    Failure = 0x03,
    CorrelationInfo = 0x06,
}
