namespace EdgeSensor.Decoding.Rdp;

/// <summary>The RDP facts of an X.224 Connection Request ([MS-RDPBCGR] 2.2.1.1); spans point into the TPDU.</summary>
public readonly ref struct RdpConnectionRequest
{
    /// <summary>RDP_NEG_REQ.flags: RESTRICTED_ADMIN_MODE_REQUIRED.</summary>
    public const byte FlagRestrictedAdminModeRequired = 0x01;

    /// <summary>RDP_NEG_REQ.flags: REDIRECTED_AUTHENTICATION_MODE_REQUIRED.</summary>
    public const byte FlagRedirectedAuthenticationModeRequired = 0x02;

    /// <summary>RDP_NEG_REQ.flags: CORRELATION_INFO_PRESENT (an RDP_NEG_CORRELATION_INFO follows).</summary>
    public const byte FlagCorrelationInfoPresent = 0x08;

    /// <summary>A <c>Cookie: mstshash=</c> line is present.</summary>
    public bool HasCookie { get; init; }

    /// <summary>The cookie value as tshark shows it in rdp.rt_cookie after "Cookie: ": <c>mstshash=NAME</c>.</summary>
    public ReadOnlySpan<byte> Cookie { get; init; }

    /// <summary>The IDENTIFIER after <c>mstshash=</c> (a user name, often truncated by the client to 9 characters).</summary>
    public ReadOnlySpan<byte> UserName { get; init; }

    /// <summary>Another CR LF-terminated line (a load-balancer routing token, e.g. <c>Cookie: msts=...</c>) is present.</summary>
    public bool HasRoutingToken { get; init; }

    /// <summary>The routing token line without its CR LF.</summary>
    public ReadOnlySpan<byte> RoutingToken { get; init; }

    public bool HasNegotiationRequest { get; init; }

    /// <summary>RDP_NEG_REQ.flags as on the wire.</summary>
    public byte NegotiationFlags { get; init; }

    public RdpProtocols RequestedProtocols { get; init; }

    public bool RestrictedAdminModeRequired => (NegotiationFlags & FlagRestrictedAdminModeRequired) != 0;

    public bool RedirectedAuthenticationModeRequired => (NegotiationFlags & FlagRedirectedAuthenticationModeRequired) != 0;

    public bool HasCorrelationInfo { get; init; }

    /// <summary>RDP_NEG_CORRELATION_INFO.correlationId (16 bytes) when present.</summary>
    public ReadOnlySpan<byte> CorrelationId { get; init; }

    /// <summary>What tshark counts as an RDP connection request: a cookie/routing token or an RDP_NEG_REQ.</summary>
    public bool IsRdp => HasCookie || HasRoutingToken || HasNegotiationRequest;
}
