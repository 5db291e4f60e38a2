using System.Buffers.Binary;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Decoding.IsoOnTcp;

/// <summary>
/// TPKT (RFC 1006 section 6): version (1) = 3 | reserved (1) = 0 | packet length including this header (2).
/// The smallest useful TPKT carries a 3-byte COTP DT header, so a length under 7 is rejected.
/// </summary>
public readonly struct TpktFraming : IPduFraming
{
    public const byte Version = 3;
    public const int TpktHeaderLength = 4;
    public const int MinPacketLength = 7;
    public const int MaxPacketLength = 65535;

    public static int HeaderLength => TpktHeaderLength;

    public static int MaxFrameLength => MaxPacketLength;

    public static DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out byte reason)
    {
        var status = TryGetFrameLength(stream, out frameLength, out IsoMalformedReason r);
        reason = (byte)r;
        return status;
    }

    public static DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out IsoMalformedReason reason)
    {
        frameLength = 0;
        reason = IsoMalformedReason.None;
        if (stream.Length >= 1 && stream[0] != Version)
        {
            reason = IsoMalformedReason.TpktBadVersion;
            return DecodeStatus.NotThisProtocol;
        }

        if (stream.Length < TpktHeaderLength)
        {
            return DecodeStatus.NeedMoreData;
        }

        if (stream[1] != 0)
        {
            reason = IsoMalformedReason.TpktBadVersion;
            return DecodeStatus.NotThisProtocol;
        }

        frameLength = BinaryPrimitives.ReadUInt16BigEndian(stream[2..]);
        if (frameLength < MinPacketLength)
        {
            reason = IsoMalformedReason.TpktLengthTooShort;
            return DecodeStatus.Malformed;
        }

        return DecodeStatus.Ok;
    }
}
