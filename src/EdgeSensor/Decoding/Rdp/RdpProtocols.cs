namespace EdgeSensor.Decoding.Rdp;

/// <summary>Security protocols of RDP_NEG_REQ.requestedProtocols / RDP_NEG_RSP.selectedProtocol ([MS-RDPBCGR] 2.2.1.1.1).</summary>
[Flags]
public enum RdpProtocols : uint
{
    /// <summary>PROTOCOL_RDP: standard RDP security (no flag set).</summary>
    Rdp = 0x0000_0000,

    /// <summary>PROTOCOL_SSL: TLS 1.0, 1.1 or 1.2.</summary>
    Ssl = 0x0000_0001,

    /// <summary>PROTOCOL_HYBRID: CredSSP (NLA), which implies TLS.</summary>
    Hybrid = 0x0000_0002,

    /// <summary>PROTOCOL_RDSTLS.</summary>
    RdsTls = 0x0000_0004,

    /// <summary>PROTOCOL_HYBRID_EX: CredSSP with the Early User Authorization Result PDU.</summary>
    HybridEx = 0x0000_0008,

    /// <summary>PROTOCOL_RDSAAD: RDS AAD authentication.</summary>
    RdsAad = 0x0000_0010,
}
