using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Packet;

public static partial class PacketDecoder
{
    /// <summary>A bound on the IPv6 extension-header chain so a crafted chain cannot loop long.</summary>
    public const int MaxIPv6ExtensionHeaders = 8;

    // IPv4 (RFC 791): version+IHL (1) | DSCP/ECN (1) | total length (2) | id (2) | flags+fragment offset (2)
    //                 | TTL (1) | protocol (1) | checksum (2) | source (4) | destination (4) | options (IHL*4-20)
    private static DecodeStatus DecodeIPv4(ReadOnlySpan<byte> frame, int offset, ref PacketInfo info, out PacketMalformedReason reason)
    {
        ReadOnlySpan<byte> ip = frame[offset..];
        if (ip.Length < 20)
        {
            reason = PacketMalformedReason.IPv4HeaderTruncated;
            return DecodeStatus.Malformed;
        }

        int headerLength = (ip[0] & 0x0F) * 4;
        if ((ip[0] >> 4) != 4 || headerLength < 20 || headerLength > ip.Length)
        {
            reason = PacketMalformedReason.IPv4BadHeaderLength;
            return DecodeStatus.Malformed;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (totalLength == 0)
        {
            // TCP segmentation offload: the NIC fills the length in later, so a sender-side capture shows 0.
            totalLength = ip.Length;
        }

        if (totalLength < headerLength)
        {
            reason = PacketMalformedReason.IPv4TotalLengthTooShort;
            return DecodeStatus.Malformed;
        }

        // Ethernet pads short frames; a snap length may cut long ones. Keep what is really there.
        int available = Math.Min(totalLength, ip.Length);
        ushort flagsOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        int fragmentOffset = flagsOffset & 0x1FFF;
        bool moreFragments = (flagsOffset & 0x2000) != 0;

        info.IpVersion = 4;
        info.Ttl = ip[8];
        info.IpProtocol = ip[9];
        info.Source = NetAddress.ReadIPv4(ip[12..]);
        info.Destination = NetAddress.ReadIPv4(ip[16..]);
        info.IsFragment = moreFragments || fragmentOffset != 0;
        info.IsFirstFragment = info.IsFragment && fragmentOffset == 0;
        if (fragmentOffset != 0)
        {
            reason = PacketMalformedReason.None;
            return DecodeStatus.Ok;   // no transport header in a later fragment
        }

        return DecodeTransport(frame, offset + headerLength, available - headerLength, ref info, out reason);
    }

    // IPv6 (RFC 8200): version/class/flow (4) | payload length (2) | next header (1) | hop limit (1) | source (16) | destination (16)
    // then extension headers: next header (1) | length in 8-octet units not counting the first (1) | ...; fragment header is 8 bytes.
    private static DecodeStatus DecodeIPv6(ReadOnlySpan<byte> frame, int offset, ref PacketInfo info, out PacketMalformedReason reason)
    {
        ReadOnlySpan<byte> ip = frame[offset..];
        if (ip.Length < 40 || (ip[0] >> 4) != 6)
        {
            reason = PacketMalformedReason.IPv6HeaderTruncated;
            return DecodeStatus.Malformed;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        int available = Math.Min(payloadLength, ip.Length - 40);
        byte next = ip[6];
        info.IpVersion = 6;
        info.Ttl = ip[7];
        info.Source = NetAddress.ReadIPv6(ip[8..]);
        info.Destination = NetAddress.ReadIPv6(ip[24..]);

        int position = 40;
        for (int i = 0; ; i++)
        {
            if (next is not (0 or 43 or 44 or 60))
            {
                break;
            }

            if (i == MaxIPv6ExtensionHeaders)
            {
                reason = PacketMalformedReason.IPv6TooManyExtensionHeaders;
                return DecodeStatus.Malformed;
            }

            if (position + 8 > 40 + available)
            {
                reason = PacketMalformedReason.IPv6ExtensionHeaderTruncated;
                return DecodeStatus.Malformed;
            }

            int extensionLength = next == 44 ? 8 : (ip[position + 1] + 1) * 8;
            if (next == 44)
            {
                ushort fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[(position + 2)..]);
                int fragmentOffset = fragment >> 3;
                info.IsFragment = true;
                info.IsFirstFragment = fragmentOffset == 0;
                if (fragmentOffset != 0)
                {
                    info.IpProtocol = ip[position];
                    reason = PacketMalformedReason.None;
                    return DecodeStatus.Ok;
                }
            }

            next = ip[position];
            position += extensionLength;
        }

        info.IpProtocol = next;
        if (position > 40 + available)
        {
            reason = PacketMalformedReason.IPv6ExtensionHeaderTruncated;
            return DecodeStatus.Malformed;
        }

        return DecodeTransport(frame, offset + position, 40 + available - position, ref info, out reason);
    }
}
