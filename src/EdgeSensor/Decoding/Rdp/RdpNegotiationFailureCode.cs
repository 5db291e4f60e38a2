namespace EdgeSensor.Decoding.Rdp;

/// <summary>RDP_NEG_FAILURE.failureCode ([MS-RDPBCGR] 2.2.1.2.2); the raw value is kept beside it.</summary>
public enum RdpNegotiationFailureCode : uint
{
    Unknown = 0,
    SslRequiredByServer = 0x01,
    SslNotAllowedByServer = 0x02,
    SslCertNotOnServer = 0x03,
    InconsistentFlags = 0x04,
    HybridRequiredByServer = 0x05,
    SslWithUserAuthRequiredByServer = 0x06,
}
