using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Packet;

public static partial class PacketDecoder
{
    // TCP (RFC 9293): source port (2) | destination port (2) | sequence (4) | acknowledgement (4)
    //                 | data offset (4 bits) + reserved (4 bits) | flags (1) | window (2) | checksum (2) | urgent (2) | options
    // UDP (RFC 768):  source port (2) | destination port (2) | length (2) | checksum (2)
    private static DecodeStatus DecodeTransport(ReadOnlySpan<byte> frame, int offset, int length, ref PacketInfo info, out PacketMalformedReason reason)
    {
        reason = PacketMalformedReason.None;
        ReadOnlySpan<byte> segment = frame.Slice(offset, length);
        switch (info.IpProtocol)
        {
            case PacketInfo.ProtocolTcp:
                if (segment.Length < 20)
                {
                    reason = PacketMalformedReason.TcpHeaderTruncated;
                    return DecodeStatus.Malformed;
                }

                int dataOffset = (segment[12] >> 4) * 4;
                if (dataOffset < 20 || dataOffset > segment.Length)
                {
                    reason = PacketMalformedReason.TcpBadDataOffset;
                    return DecodeStatus.Malformed;
                }

                info.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
                info.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
                info.Sequence = BinaryPrimitives.ReadUInt32BigEndian(segment[4..]);
                info.Acknowledgement = BinaryPrimitives.ReadUInt32BigEndian(segment[8..]);
                info.TcpFlags = (TcpFlags)segment[13];
                info.Window = BinaryPrimitives.ReadUInt16BigEndian(segment[14..]);
                info.PayloadOffset = offset + dataOffset;
                info.PayloadLength = info.IsFragment ? 0 : segment.Length - dataOffset;
                return DecodeStatus.Ok;

            case PacketInfo.ProtocolUdp:
                if (segment.Length < 8)
                {
                    reason = PacketMalformedReason.UdpHeaderTruncated;
                    return DecodeStatus.Malformed;
                }

                int udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
                if (udpLength < 8 && !info.IsFragment)
                {
                    reason = PacketMalformedReason.UdpBadLength;
                    return DecodeStatus.Malformed;
                }

                info.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
                info.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
                info.PayloadOffset = offset + 8;
                info.PayloadLength = info.IsFragment ? 0 : Math.Min(udpLength, segment.Length) - 8;
                return DecodeStatus.Ok;

            default:
                return DecodeStatus.Ok;
        }
    }
}
