using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Rdp;

namespace EdgeSensor.Tests.Decoding.Rdp;

public sealed class RdpDecoderTests
{
    /// <summary>rdp_tls-security_cookie.pcap frame 4 (TCP payload): CR with cookie and RDP_NEG_REQ.</summary>
    private static readonly byte[] ConnectionRequest =
    [
        0x03, 0x00, 0x00, 0x2f,                         // TPKT v3, length 47
        0x2a,                                           // X.224 LI 42
        0xe0,                                           // CR, CDT 0
        0x00, 0x00, 0x00, 0x00,                         // DST-REF, SRC-REF
        0x00,                                           // class 0
        .. "Cookie: mstshash=AWAKECODI\r\n"u8,          // cookie (tshark: rdp.rt_cookie "Cookie: mstshash=AWAKECODI")
        0x01,                                           // RDP_NEG_REQ
        0x00,                                           // flags
        0x08, 0x00,                                     // length 8 (little-endian)
        0x03, 0x00, 0x00, 0x00,                         // requestedProtocols SSL | HYBRID
    ];

    /// <summary>rdp_tls-security_cookie.pcap frame 6: CC with RDP_NEG_RSP selecting PROTOCOL_SSL.</summary>
    private static readonly byte[] ConnectionConfirm =
    [
        0x03, 0x00, 0x00, 0x13,                         // TPKT length 19
        0x0e, 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00,       // LI 14, CC, DST-REF 0, SRC-REF 0x1234, class 0
        0x02,                                           // RDP_NEG_RSP
        0x01,                                           // flags EXTENDED_CLIENT_DATA_SUPPORTED
        0x08, 0x00,                                     // length 8
        0x01, 0x00, 0x00, 0x00,                         // selectedProtocol PROTOCOL_SSL
    ];

    /// <summary>
    /// rdp_malformed-invalid-length.pcap frame 5 (TPKT PDU only; 12 further bytes follow in the segment): a CC whose
    /// RDP_NEG_RSP length field is 0 instead of 8.
    /// </summary>
    private static readonly byte[] InvalidLengthConfirm =
    [
        0x03, 0x00, 0x00, 0x13,                         // TPKT length 19
        0x0e, 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00,       // LI 14, CC, DST-REF 0, SRC-REF 0x1234, class 0
        0x02,                                           // RDP_NEG_RSP
        0x03,                                           // flags
        0x00, 0x00,                                     // length 0: invalid
        0x01, 0x00, 0x00, 0x02,                         // selectedProtocol 0x02000001
    ];

    // ---- valid ----

    [Fact]
    public void Connection_request_gives_cookie_user_and_protocols()
    {
        Assert.Equal(DecodeStatus.Ok, ReadRequest(ConnectionRequest, out RdpConnectionRequest req, out _));
        Assert.True(req.HasCookie);
        Assert.Equal("mstshash=AWAKECODI"u8.ToArray(), req.Cookie.ToArray());
        Assert.Equal("AWAKECODI"u8.ToArray(), req.UserName.ToArray());
        Assert.True(req.HasNegotiationRequest);
        Assert.Equal(RdpProtocols.Ssl | RdpProtocols.Hybrid, req.RequestedProtocols);
        Assert.False(req.RestrictedAdminModeRequired);
        Assert.True(req.IsRdp);
    }

    [Fact]
    public void Cookie_only_request_from_the_admin_capture()
    {
        // rdp_admin-cookie-administr.pcap frame 4: LI 34, CR, cookie, no RDP_NEG_REQ (an RDP 5 client)
        byte[] x224 = [0x22, 0xe0, 0, 0, 0, 0, 0, .. "Cookie: mstshash=Administr\r\n"u8];
        Assert.Equal(DecodeStatus.Ok, RdpDecoder.TryReadX224(x224, out CotpPduType type, out ReadOnlySpan<byte> data, out _));
        Assert.Equal(CotpPduType.ConnectRequest, type);
        Assert.Equal(DecodeStatus.Ok, RdpDecoder.TryReadConnectionRequest(data, out RdpConnectionRequest req, out _));
        Assert.Equal("Administr"u8.ToArray(), req.UserName.ToArray());
        Assert.False(req.HasNegotiationRequest);
    }

    [Fact]
    public void Routing_token_flags_and_correlation_info()
    {
        byte[] data =
        [
            .. "Cookie: msts=3640205228.15629.0000\r\n"u8, // routing token ([MS-RDPBCGR] 2.2.1.1 example form)
            0x01, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x00, 0x00, // NEG_REQ: RESTRICTED_ADMIN | REDIRECTED_AUTH | CORRELATION_INFO; HYBRID_EX
            0x06, 0x00, 0x24, 0x00,                         // RDP_NEG_CORRELATION_INFO, length 36
            .. Enumerable.Range(1, 16).Select(i => (byte)i), // correlationId
            .. new byte[16],                                // reserved
        ];
        Assert.Equal(DecodeStatus.Ok, RdpDecoder.TryReadConnectionRequest(data, out RdpConnectionRequest req, out _));
        Assert.False(req.HasCookie);
        Assert.True(req.HasRoutingToken);
        Assert.Equal("Cookie: msts=3640205228.15629.0000"u8.ToArray(), req.RoutingToken.ToArray());
        Assert.True(req.RestrictedAdminModeRequired);
        Assert.True(req.RedirectedAuthenticationModeRequired);
        Assert.Equal(RdpProtocols.HybridEx, req.RequestedProtocols);
        Assert.True(req.HasCorrelationInfo);
        Assert.Equal(1, req.CorrelationId[0]);
    }

    [Fact]
    public void Connection_confirm_response_and_failure()
    {
        Assert.Equal(DecodeStatus.Ok, ReadConfirm(ConnectionConfirm, out RdpConnectionConfirm cc, out _));
        Assert.Equal(RdpNegotiationType.Response, cc.Type);
        Assert.Equal(RdpProtocols.Ssl, cc.SelectedProtocol);

        // rdp_standard-rdp-security_cookie.pcap frame 5: RDP_NEG_FAILURE, SSL_NOT_ALLOWED_BY_SERVER
        byte[] failure = [0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0, 0, 0x12, 0x34, 0, 0x03, 0x00, 0x08, 0x00, 0x02, 0x00, 0x00, 0x00];
        Assert.Equal(DecodeStatus.Ok, ReadConfirm(failure, out cc, out _));
        Assert.Equal(RdpNegotiationType.Failure, cc.Type);
        Assert.Equal(RdpNegotiationFailureCode.SslNotAllowedByServer, cc.FailureCode);

        // admin capture frame 5: CC without negotiation (standard RDP security)
        byte[] bare = [0x03, 0x00, 0x00, 0x0b, 0x06, 0xd0, 0, 0, 0x12, 0x34, 0];
        Assert.Equal(DecodeStatus.Ok, ReadConfirm(bare, out cc, out _));
        Assert.Equal(RdpNegotiationType.None, cc.Type);
    }

    // ---- incomplete / malformed ----

    [Fact]
    public void Invalid_length_capture_is_malformed_with_fields_kept()
    {
        Assert.Equal(DecodeStatus.Malformed, ReadConfirm(InvalidLengthConfirm, out RdpConnectionConfirm cc, out RdpMalformedReason reason));
        Assert.Equal(RdpMalformedReason.NegotiationBadLength, reason);
        Assert.Equal(RdpNegotiationType.Response, cc.Type);
        Assert.Equal((RdpProtocols)0x02000001, cc.SelectedProtocol);
    }

    [Fact]
    public void Every_truncation_of_the_request_is_refused_without_throwing()
    {
        for (int cut = 0; cut < ConnectionRequest.Length; cut++)
        {
            byte[] x224 = ConnectionRequest[4..Math.Max(4, cut)];
            DecodeStatus s = RdpDecoder.TryReadX224(x224, out _, out ReadOnlySpan<byte> data, out _);
            if (s == DecodeStatus.Ok)
            {
                RdpDecoder.TryReadConnectionRequest(data, out _, out _);
            }

            Assert.NotEqual(DecodeStatus.Ok, s);   // LI 42 always overruns a cut TPDU
        }
    }

    [Theory]
    [InlineData("Cookie: mstshash=x", RdpMalformedReason.CookieUnterminated)]
    [InlineData("Cookie: mstshash=x\r\n\u0001\u0000\u0008", RdpMalformedReason.NegotiationTruncated)]
    [InlineData("Cookie: mstshash=x\r\n\u0001\u0000\u0009\u0000\u0001\u0000\u0000\u0000", RdpMalformedReason.NegotiationBadLength)]
    [InlineData("Cookie: mstshash=x\r\n\u0002\u0000\u0008\u0000\u0001\u0000\u0000\u0000", RdpMalformedReason.NegotiationUnexpectedType)]
    [InlineData("\u0001\u0008\u0008\u0000\u0001\u0000\u0000\u0000", RdpMalformedReason.CorrelationInfoMalformed)]
    [InlineData("\u0001\u0000\u0008\u0000\u0001\u0000\u0000\u0000\u0000", RdpMalformedReason.TrailingBytes)]
    public void Malformed_requests_name_their_reason(string data, RdpMalformedReason expected)
    {
        byte[] bytes = System.Text.Encoding.Latin1.GetBytes(data);
        Assert.Equal(DecodeStatus.Malformed, RdpDecoder.TryReadConnectionRequest(bytes, out _, out RdpMalformedReason reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void S7_connection_request_is_not_rdp()
    {
        // s7comm_read-plc-status_szl.pcap frame 8: parameters where RDP has its data
        byte[] x224 = [0x11, 0xe0, 0x00, 0x00, 0x00, 0x0f, 0x00, 0xc1, 0x02, 0x01, 0x00, 0xc2, 0x02, 0x01, 0x02, 0xc0, 0x01, 0x0a];
        Assert.Equal(DecodeStatus.Ok, RdpDecoder.TryReadX224(x224, out _, out ReadOnlySpan<byte> data, out _));
        Assert.Equal(DecodeStatus.NotThisProtocol, RdpDecoder.TryReadConnectionRequest(data, out _, out _));
        Assert.Equal(DecodeStatus.NotThisProtocol, RdpDecoder.TryReadX224([0x02, 0xf0, 0x80], out _, out _, out _));   // DT
    }

    [Fact]
    public void Random_bytes_never_throw_or_read_past_the_span()
    {
        var random = new Random(3389);
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(0, 60);
            byte[] padded = new byte[length + 8];
            random.NextBytes(padded.AsSpan(0, length));
            if (length > 0 && random.Next(3) == 0)
            {
                padded[0] = 0x01;
            }

            padded.AsSpan(length).Fill(0xEE);
            var a = Decode(padded.AsSpan(0, length));
            padded.AsSpan(length).Fill(0x11);
            Assert.Equal(a, Decode(padded.AsSpan(0, length)));
        }
    }

    private static (DecodeStatus, RdpMalformedReason, RdpProtocols, int, DecodeStatus, RdpMalformedReason, RdpConnectionConfirm, DecodeStatus) Decode(ReadOnlySpan<byte> data)
    {
        var s1 = RdpDecoder.TryReadConnectionRequest(data, out RdpConnectionRequest req, out RdpMalformedReason r1);
        var s2 = RdpDecoder.TryReadConnectionConfirm(data, out RdpConnectionConfirm cc, out RdpMalformedReason r2);
        var s3 = RdpDecoder.TryReadX224(data, out _, out _, out _);
        return (s1, r1, req.RequestedProtocols, req.UserName.Length, s2, r2, cc, s3);
    }

    private static DecodeStatus ReadRequest(byte[] tpkt, out RdpConnectionRequest req, out RdpMalformedReason reason)
    {
        req = default;
        Assert.Equal(DecodeStatus.Ok, TpktFraming.TryGetFrameLength(tpkt, out int length, out IsoMalformedReason _));
        Assert.Equal(tpkt.Length, length);
        Assert.Equal(DecodeStatus.Ok, RdpDecoder.TryReadX224(tpkt.AsSpan(4), out CotpPduType type, out ReadOnlySpan<byte> data, out reason));
        Assert.Equal(CotpPduType.ConnectRequest, type);
        return RdpDecoder.TryReadConnectionRequest(data, out req, out reason);
    }

    private static DecodeStatus ReadConfirm(byte[] tpkt, out RdpConnectionConfirm cc, out RdpMalformedReason reason)
    {
        Assert.Equal(DecodeStatus.Ok, RdpDecoder.TryReadX224(tpkt.AsSpan(4), out CotpPduType type, out ReadOnlySpan<byte> data, out reason));
        Assert.Equal(CotpPduType.ConnectConfirm, type);
        return RdpDecoder.TryReadConnectionConfirm(data, out cc, out reason);
    }
}
