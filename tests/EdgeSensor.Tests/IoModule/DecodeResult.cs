using Edge.IoModule;

namespace EdgeSensor.Tests.IoModule;

/// <summary>One decided frame, comparable by value (payload as hex) so two decoding runs can be compared.</summary>
internal readonly record struct DecodeResult(FrameStatus Status, FrameMalformedReason Reason, MessageType Type, byte Sequence, byte Ack, string Payload)
{
    public static List<DecodeResult> FeedWhole(FrameDecoder decoder, byte[] bytes)
    {
        var results = new List<DecodeResult>();
        int position = 0;
        while (position < bytes.Length)
        {
            var status = decoder.Push(bytes, position, bytes.Length - position, out int consumed);
            Assert.InRange(consumed, 1, bytes.Length - position);
            position += consumed;
            Add(results, decoder, status);
        }

        return results;
    }

    public static List<DecodeResult> FeedBytes(FrameDecoder decoder, byte[] bytes)
    {
        var results = new List<DecodeResult>();
        foreach (byte b in bytes)
        {
            Add(results, decoder, decoder.Push(b));
        }

        return results;
    }

    private static void Add(List<DecodeResult> results, FrameDecoder decoder, FrameStatus status)
    {
        if (status == FrameStatus.Ok)
        {
            var f = decoder.Frame;
            results.Add(new DecodeResult(status, FrameMalformedReason.None, f.Type, f.Sequence, f.Ack, Convert.ToHexString(f.Payload)));
        }
        else if (status == FrameStatus.Malformed)
        {
            results.Add(new DecodeResult(status, decoder.Reason, MessageType.Unknown, 0, 0, string.Empty));
        }
    }
}
