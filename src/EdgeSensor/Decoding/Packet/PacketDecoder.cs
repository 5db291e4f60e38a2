using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Packet;

/// <summary>
/// Decodes a captured frame from its link header down to the TCP/UDP payload, allocation-free.
/// The link layer is in this file, IP in PacketDecoder.Ip.cs, TCP/UDP in PacketDecoder.Transport.cs.
/// Ok means every header present was well formed (a non-IP frame is Ok with <see cref="PacketInfo.IpVersion"/> 0).
/// </summary>
public static partial class PacketDecoder
{
    public const ushort EtherTypeIPv4 = 0x0800;
    public const ushort EtherTypeIPv6 = 0x86DD;
    public const ushort EtherTypeVlan = 0x8100;     // IEEE 802.1Q
    public const ushort EtherTypeQinQ = 0x88A8;     // IEEE 802.1ad
    public const ushort EtherTypeQinQOld = 0x9100;  // pre-standard QinQ

    /// <summary>More stacked tags than this is not a network we decode (802.1ad uses 2).</summary>
    public const int MaxVlanTags = 4;

    public static DecodeStatus TryDecode(LinkType linkType, ReadOnlySpan<byte> frame, out PacketInfo info, out PacketMalformedReason reason)
    {
        info = default;
        reason = PacketMalformedReason.None;
        int offset;
        ushort etherType;
        switch (linkType)
        {
            case LinkType.Ethernet:
                // dst MAC (6) | src MAC (6) | EtherType or 802.1Q TPID (2)
                if (frame.Length < 14)
                {
                    reason = PacketMalformedReason.LinkHeaderTruncated;
                    return DecodeStatus.Malformed;
                }

                info.DestinationMac = ReadMac(frame);
                info.SourceMac = ReadMac(frame[6..]);
                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
                offset = 14;
                break;

            case LinkType.LinuxSll:
                // packet type (2) | ARPHRD (2) | address length (2) | address (8) | protocol (2)
                if (frame.Length < 16)
                {
                    reason = PacketMalformedReason.LinkHeaderTruncated;
                    return DecodeStatus.Malformed;
                }

                if (BinaryPrimitives.ReadUInt16BigEndian(frame[4..]) == 6)
                {
                    info.SourceMac = ReadMac(frame[6..]);
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                offset = 16;
                break;

            case LinkType.LinuxSll2:
                // protocol (2) | reserved (2) | ifindex (4) | ARPHRD (2) | packet type (1) | address length (1) | address (8)
                if (frame.Length < 20)
                {
                    reason = PacketMalformedReason.LinkHeaderTruncated;
                    return DecodeStatus.Malformed;
                }

                if (frame[11] == 6)
                {
                    info.SourceMac = ReadMac(frame[12..]);
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame);
                offset = 20;
                break;

            case LinkType.Raw:
                if (frame.Length < 1)
                {
                    reason = PacketMalformedReason.LinkHeaderTruncated;
                    return DecodeStatus.Malformed;
                }

                etherType = (frame[0] >> 4) == 6 ? EtherTypeIPv6 : EtherTypeIPv4;
                offset = 0;
                break;

            case LinkType.Null:
                // host-order address family (4): 2 = AF_INET, 10/24/28/30 = AF_INET6 on various systems
                if (frame.Length < 4)
                {
                    reason = PacketMalformedReason.LinkHeaderTruncated;
                    return DecodeStatus.Malformed;
                }

                uint family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
                if (family > 0xFFFF)
                {
                    family = BinaryPrimitives.ReadUInt32BigEndian(frame);
                }

                etherType = family == 2 ? EtherTypeIPv4 : family is 10 or 24 or 28 or 30 ? EtherTypeIPv6 : (ushort)0;
                offset = 4;
                break;

            default:
                reason = PacketMalformedReason.UnsupportedLinkType;
                return DecodeStatus.NotThisProtocol;
        }

        // 802.1Q / QinQ tags: TPID (2, already read) | PCP, DEI, VLAN id (2) | next EtherType (2)
        int tags = 0;
        while (etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQOld)
        {
            if (tags == MaxVlanTags)
            {
                reason = PacketMalformedReason.TooManyVlanTags;
                return DecodeStatus.Malformed;
            }

            if ((uint)(offset + 4) > (uint)frame.Length)
            {
                reason = PacketMalformedReason.LinkHeaderTruncated;
                return DecodeStatus.Malformed;
            }

            ushort vid = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]) & 0x0FFF);
            if (tags == 0)
            {
                info.VlanId = vid;
            }
            else if (tags == 1)
            {
                info.InnerVlanId = vid;
            }

            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
            tags++;
        }

        info.VlanTagCount = (byte)tags;
        info.EtherType = etherType;
        return etherType switch
        {
            EtherTypeIPv4 => DecodeIPv4(frame, offset, ref info, out reason),
            EtherTypeIPv6 => DecodeIPv6(frame, offset, ref info, out reason),
            _ => DecodeStatus.Ok,
        };
    }

    private static ulong ReadMac(ReadOnlySpan<byte> six) =>
        ((ulong)BinaryPrimitives.ReadUInt16BigEndian(six) << 32) | BinaryPrimitives.ReadUInt32BigEndian(six[2..]);
}
