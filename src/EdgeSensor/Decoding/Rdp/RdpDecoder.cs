using System.Buffers.Binary;
using EdgeSensor.Decoding.IsoOnTcp;

namespace EdgeSensor.Decoding.Rdp;

/// <summary>
/// RDP connection setup ([MS-RDPBCGR] 2.2.1.1 and 2.2.1.2), carried in TPKT (<see cref="TpktFraming"/>) + X.224:
/// <code>
/// X.224 CR/CC   LI (1) | code (1) 0xE0 CR / 0xD0 CC | DST-REF (2) | SRC-REF (2) | class (1) | RDP data (LI - 6)
/// CR RDP data   [routingToken or cookie "Cookie: mstshash=IDENTIFIER" CR LF]
///               [RDP_NEG_REQ  type (1) = 0x01 | flags (1) | length (2 LE) = 8 | requestedProtocols (4 LE)]
///               [RDP_NEG_CORRELATION_INFO  type (1) = 0x06 | flags (1) | length (2 LE) = 36 | correlationId (16) | reserved (16)]
/// CC RDP data   [RDP_NEG_RSP  type (1) = 0x02 | flags (1) | length (2 LE) = 8 | selectedProtocol (4 LE)]
///               or [RDP_NEG_FAILURE  type (1) = 0x03 | flags (1) | length (2 LE) = 8 | failureCode (4 LE)]
/// </code>
/// RDP puts its data inside the X.224 length indicator (where ISO 8073 has parameters), so
/// <see cref="CotpDecoder"/>, which reads that area as parameters, does not apply: <see cref="TryReadX224"/> cuts it
/// out instead. The negotiation structures are little-endian, unlike everything else on this path.
/// </summary>
public static class RdpDecoder
{
    public const int X224FixedLength = 7;
    public const int NegotiationLength = 8;
    public const int CorrelationInfoLength = 36;
    public const int CorrelationIdLength = 16;

    public static ReadOnlySpan<byte> CookiePrefix => "Cookie: "u8;

    public static ReadOnlySpan<byte> MstsHashPrefix => "Cookie: mstshash="u8;

    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    /// <summary>
    /// Splits an X.224 Connection Request or Confirm (the TPKT payload) into its type and RDP data (the bytes the
    /// length indicator covers after the 7-byte fixed part). NotThisProtocol for any other TPDU.
    /// </summary>
    public static DecodeStatus TryReadX224(ReadOnlySpan<byte> tpktPayload, out CotpPduType type, out ReadOnlySpan<byte> rdpData, out RdpMalformedReason reason)
    {
        type = default;
        rdpData = default;
        reason = RdpMalformedReason.None;
        if (tpktPayload.Length < 2)
        {
            reason = RdpMalformedReason.X224Truncated;
            return DecodeStatus.Malformed;
        }

        type = (CotpPduType)(tpktPayload[1] & 0xF0);
        if (type is not (CotpPduType.ConnectRequest or CotpPduType.ConnectConfirm))
        {
            return DecodeStatus.NotThisProtocol;
        }

        int li = tpktPayload[0];
        if (li < X224FixedLength - 1 || li + 1 > tpktPayload.Length)
        {
            reason = RdpMalformedReason.X224Truncated;
            return DecodeStatus.Malformed;
        }

        rdpData = tpktPayload[X224FixedLength..(li + 1)];
        return DecodeStatus.Ok;
    }

    /// <summary>
    /// Reads the RDP data of a Connection Request. Ok: the fields are valid (a bare request has none of them).
    /// NotThisProtocol: the data is neither a cookie line nor an RDP_NEG_REQ (e.g. ISO 8073 parameters of an S7 CR).
    /// Malformed: <paramref name="reason"/> names the first broken rule; <paramref name="request"/> keeps what was read.
    /// </summary>
    public static DecodeStatus TryReadConnectionRequest(ReadOnlySpan<byte> rdpData, out RdpConnectionRequest request, out RdpMalformedReason reason)
    {
        request = default;
        reason = RdpMalformedReason.None;
        ReadOnlySpan<byte> rest = rdpData;
        ReadOnlySpan<byte> cookie = default;
        ReadOnlySpan<byte> userName = default;
        ReadOnlySpan<byte> routingToken = default;
        bool hasCookie = false;
        bool hasToken = false;
        if (rest.StartsWith(CookiePrefix))
        {
            int end = rest.IndexOf(LineEnd);
            if (end < 0)
            {
                reason = RdpMalformedReason.CookieUnterminated;
                return DecodeStatus.Malformed;
            }

            if (rest.StartsWith(MstsHashPrefix))
            {
                hasCookie = true;
                cookie = rest[CookiePrefix.Length..end];
                userName = rest[MstsHashPrefix.Length..end];
            }
            else
            {
                hasToken = true;
                routingToken = rest[..end];
            }

            rest = rest[(end + LineEnd.Length)..];
        }
        else if (!rest.IsEmpty && rest[0] != (byte)RdpNegotiationType.Request)
        {
            return DecodeStatus.NotThisProtocol;
        }

        request = new RdpConnectionRequest { HasCookie = hasCookie, Cookie = cookie, UserName = userName, HasRoutingToken = hasToken, RoutingToken = routingToken };
        if (rest.IsEmpty)
        {
            return DecodeStatus.Ok;
        }

        if (rest[0] != (byte)RdpNegotiationType.Request)
        {
            reason = RdpMalformedReason.NegotiationUnexpectedType;
            return DecodeStatus.Malformed;
        }

        if (rest.Length < NegotiationLength)
        {
            reason = RdpMalformedReason.NegotiationTruncated;
            return DecodeStatus.Malformed;
        }

        byte flags = rest[1];
        request = request with
        {
            HasNegotiationRequest = true,
            NegotiationFlags = flags,
            RequestedProtocols = (RdpProtocols)BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]),
        };
        if (BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]) != NegotiationLength)
        {
            reason = RdpMalformedReason.NegotiationBadLength;
            return DecodeStatus.Malformed;
        }

        rest = rest[NegotiationLength..];
        if ((flags & RdpConnectionRequest.FlagCorrelationInfoPresent) != 0)
        {
            if (rest.Length < CorrelationInfoLength || rest[0] != (byte)RdpNegotiationType.CorrelationInfo
                || BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]) != CorrelationInfoLength)
            {
                reason = RdpMalformedReason.CorrelationInfoMalformed;
                return DecodeStatus.Malformed;
            }

            request = request with { HasCorrelationInfo = true, CorrelationId = rest.Slice(4, CorrelationIdLength) };
            rest = rest[CorrelationInfoLength..];
        }

        if (!rest.IsEmpty)
        {
            reason = RdpMalformedReason.TrailingBytes;
            return DecodeStatus.Malformed;
        }

        return DecodeStatus.Ok;
    }

    /// <summary>
    /// Reads the RDP data of a Connection Confirm: empty (no negotiation, standard RDP security), an RDP_NEG_RSP or
    /// an RDP_NEG_FAILURE. Malformed keeps the fields that were read.
    /// </summary>
    public static DecodeStatus TryReadConnectionConfirm(ReadOnlySpan<byte> rdpData, out RdpConnectionConfirm confirm, out RdpMalformedReason reason)
    {
        confirm = default;
        reason = RdpMalformedReason.None;
        if (rdpData.IsEmpty)
        {
            return DecodeStatus.Ok;
        }

        if (rdpData.Length < NegotiationLength)
        {
            reason = RdpMalformedReason.NegotiationTruncated;
            return DecodeStatus.Malformed;
        }

        var type = (RdpNegotiationType)rdpData[0];
        if (type is not (RdpNegotiationType.Response or RdpNegotiationType.Failure))
        {
            reason = RdpMalformedReason.NegotiationUnexpectedType;
            return DecodeStatus.Malformed;
        }

        uint value = BinaryPrimitives.ReadUInt32LittleEndian(rdpData[4..]);
        confirm = new RdpConnectionConfirm
        {
            Type = type,
            Flags = rdpData[1],
            SelectedProtocol = type == RdpNegotiationType.Response ? (RdpProtocols)value : RdpProtocols.Rdp,
            RawFailureCode = type == RdpNegotiationType.Failure ? value : 0,
        };
        if (BinaryPrimitives.ReadUInt16LittleEndian(rdpData[2..]) != NegotiationLength)
        {
            reason = RdpMalformedReason.NegotiationBadLength;
            return DecodeStatus.Malformed;
        }

        if (rdpData.Length > NegotiationLength)
        {
            reason = RdpMalformedReason.TrailingBytes;
            return DecodeStatus.Malformed;
        }

        return DecodeStatus.Ok;
    }
}
