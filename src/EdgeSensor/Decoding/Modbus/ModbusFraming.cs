using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Delimits Modbus/TCP ADUs in a TCP byte stream (framing only; <see cref="ModbusDecoder"/> decodes).
/// MBAP header (Implementation Guide 3.1.3), big endian:
/// <code>
///   offset 0  transaction id   2  echoed by the server
///   offset 2  protocol id      2  0 = Modbus
///   offset 4  length           2  bytes that follow: unit id + PDU (2..254)
///   offset 6  unit id          1
///   offset 7  PDU              length - 1 bytes (function code + data)
/// </code>
/// </summary>
public static class ModbusFraming
{
    public const int MbapLength = 7;

    /// <summary>Bytes Wireshark's mbtcp heuristic needs before it accepts a segment (MBAP + function code).</summary>
    public const int MinimumHeadLength = MbapLength + 1;

    /// <summary>
    /// Looks at the head of a TCP byte stream. <see cref="DecodeStatus.NeedMoreData"/> when fewer than 8 bytes are
    /// present; <see cref="DecodeStatus.NotThisProtocol"/> when the protocol id is not 0 or the MBAP length is below 2;
    /// otherwise <see cref="DecodeStatus.Ok"/> with <paramref name="frameLength"/> = MBAP length + 6, which may be
    /// larger than <paramref name="stream"/> (the caller then waits for more bytes). On Ok, <paramref name="reason"/>
    /// is <see cref="ModbusMalformedReason.LengthTooLong"/> as a warning when the length field exceeds 254: the frame
    /// is still delimited (as Wireshark does) and the caller may choose to resynchronise instead. Nothing is consumed.
    /// </summary>
    public static DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out ModbusMalformedReason reason)
    {
        frameLength = 0;
        reason = ModbusMalformedReason.None;
        if (stream.Length < MinimumHeadLength)
        {
            return DecodeStatus.NeedMoreData;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(stream.Slice(2, 2)) != 0)
        {
            return DecodeStatus.NotThisProtocol;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(stream.Slice(4, 2));
        if (length < ModbusLimits.MinMbapLengthField)
        {
            reason = ModbusMalformedReason.LengthTooShort;
            return DecodeStatus.NotThisProtocol;
        }

        if (length > ModbusLimits.MaxMbapLengthField)
        {
            reason = ModbusMalformedReason.LengthTooLong;
        }

        frameLength = length + ModbusLimits.MbapLengthFieldOffset;
        return DecodeStatus.Ok;
    }
}
