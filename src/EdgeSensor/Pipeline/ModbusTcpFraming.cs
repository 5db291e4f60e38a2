using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Pipeline;

/// <summary>MBAP framing (length + 6) as the stream framer wants it.</summary>
public readonly struct ModbusTcpFraming : IPduFraming
{
    /// <summary>MBAP header plus the function code: what Wireshark's heuristic reads before it accepts a segment.</summary>
    public static int HeaderLength => ModbusFraming.MinimumHeadLength;

    /// <summary>The MBAP length field is 16 bits; longer than spec claims are still delimited, then decoded as malformed.</summary>
    public static int MaxFrameLength => 65_535 + 6;

    public static DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out byte reason)
    {
        var status = ModbusFraming.TryGetFrameLength(stream, out frameLength, out var r);
        reason = (byte)r;
        return status;
    }
}
