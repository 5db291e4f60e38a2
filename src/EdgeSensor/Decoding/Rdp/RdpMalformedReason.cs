namespace EdgeSensor.Decoding.Rdp;

/// <summary>Why an X.224 connection request or confirm breaks [MS-RDPBCGR] 2.2.1.1 / 2.2.1.2.</summary>
public enum RdpMalformedReason : byte
{
    None = 0,

    /// <summary>The X.224 header is shorter than its fixed part (LI, code, DST-REF, SRC-REF, class) or LI overruns the TPDU.</summary>
    X224Truncated = 1,

    /// <summary>A "Cookie: " line (cookie or routing token) without its terminating CR LF.</summary>
    CookieUnterminated = 2,

    /// <summary>Fewer than 8 bytes where an RDP_NEG_REQ / RSP / FAILURE starts.</summary>
    NegotiationTruncated = 3,

    /// <summary>The negotiation structure's length field is not 8.</summary>
    NegotiationBadLength = 4,

    /// <summary>The negotiation structure's type is not the one allowed in this TPDU (1 in a request; 2 or 3 in a confirm).</summary>
    NegotiationUnexpectedType = 5,

    /// <summary>CORRELATION_INFO_PRESENT is set but RDP_NEG_CORRELATION_INFO is missing, short, or has the wrong type/length.</summary>
    CorrelationInfoMalformed = 6,

    /// <summary>Bytes left over after the last structure.</summary>
    TrailingBytes = 7,
}
