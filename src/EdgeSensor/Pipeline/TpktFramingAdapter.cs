using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Pipeline;

/// <summary>TPKT framing as the stream framer wants it.</summary>
public readonly struct TpktFramingAdapter : IPduFraming
{
    public static int HeaderLength => TpktFraming.TpktHeaderLength;

    public static int MaxFrameLength => TpktFraming.MaxPacketLength;

    public static DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out byte reason) =>
        TpktFraming.TryGetFrameLength(stream, out frameLength, out reason);
}
