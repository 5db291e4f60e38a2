namespace EdgeSensor.Decoding.Rdp;

/// <summary>The RDP facts of an X.224 Connection Confirm ([MS-RDPBCGR] 2.2.1.2).</summary>
public readonly struct RdpConnectionConfirm
{
    /// <summary>Response (RDP_NEG_RSP), Failure (RDP_NEG_FAILURE), or None (no negotiation: standard RDP security).</summary>
    public RdpNegotiationType Type { get; init; }

    /// <summary>RDP_NEG_RSP.flags / RDP_NEG_FAILURE.flags as on the wire.</summary>
    public byte Flags { get; init; }

    /// <summary>RDP_NEG_RSP.selectedProtocol (Response only).</summary>
    public RdpProtocols SelectedProtocol { get; init; }

    /// <summary>RDP_NEG_FAILURE.failureCode, raw (Failure only).</summary>
    public uint RawFailureCode { get; init; }

    public RdpNegotiationFailureCode FailureCode =>
        Enum.IsDefined((RdpNegotiationFailureCode)RawFailureCode) ? (RdpNegotiationFailureCode)RawFailureCode : RdpNegotiationFailureCode.Unknown;
}
