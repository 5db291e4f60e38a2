using System.Buffers.Binary;

namespace EdgeSensor.Pipeline;

/// <summary>
/// Recognises Modbus/TCP and S7 in one segment on a port that is not theirs, strictly enough that ordinary traffic
/// does not match: a whole MBAP ADU (protocol id 0, length = the rest of the segment, a public function code), or a
/// whole TPKT whose COTP is a connection request with 2-byte TSAPs or a data TPDU carrying an S7 header (0x32, ROSCTR 1-3 or 7).
/// </summary>
public static class IcsSniffer
{
    public static IcsProtocol Classify(ReadOnlySpan<byte> segment)
    {
        // MBAP: transaction (2) | protocol 0 (2) | length (2) = unit + PDU | unit (1) | function (1) | data
        if (segment.Length is >= 8 and <= 260 && BinaryPrimitives.ReadUInt16BigEndian(segment[2..]) == 0
            && BinaryPrimitives.ReadUInt16BigEndian(segment[4..]) == segment.Length - 6)
        {
            byte fc = segment[7];
            if (fc is (>= 1 and <= 24) or 43)
            {
                return IcsProtocol.Modbus;
            }
        }

        // TPKT 3 | 0 | length (2) = whole segment | COTP LI | type ...
        if (segment.Length >= 7 && segment[0] == 3 && segment[1] == 0 && BinaryPrimitives.ReadUInt16BigEndian(segment[2..]) == segment.Length)
        {
            var cotp = segment[4..];
            int li = cotp[0];
            if (li + 1 > cotp.Length)
            {
                return IcsProtocol.None;
            }

            byte type = (byte)(cotp[1] & 0xF0);
            if (type == 0xF0 && li == 2 && cotp.Length >= 5)
            {
                byte rosctr = cotp[4];
                return cotp[3] == 0x32 && cotp.Length >= 13 && rosctr is 1 or 2 or 3 or 7 ? IcsProtocol.IsoOnTcp : IcsProtocol.None;
            }

            if (type == 0xE0 && li >= 6)
            {
                // S7 connection requests carry calling/called TSAPs (0xC1/0xC2) of 2 bytes; RDP puts a cookie there instead.
                var parameters = cotp.Slice(7, li - 6);
                int tsaps = 0;
                while (parameters.Length >= 2 && 2 + parameters[1] <= parameters.Length)
                {
                    if (parameters[0] is 0xC1 or 0xC2 && parameters[1] == 2)
                    {
                        tsaps++;
                    }

                    parameters = parameters[(2 + parameters[1])..];
                }

                return tsaps == 2 ? IcsProtocol.IsoOnTcp : IcsProtocol.None;
            }
        }

        return IcsProtocol.None;
    }
}
