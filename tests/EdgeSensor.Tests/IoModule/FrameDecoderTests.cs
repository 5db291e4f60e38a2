using Edge.IoModule;
using static EdgeSensor.Tests.IoModule.IoModuleFixtures;

namespace EdgeSensor.Tests.IoModule;

/// <summary>Valid, incomplete and malformed fixtures through <see cref="FrameDecoder"/>, whole and byte by byte.</summary>
public class FrameDecoderTests
{
    private static DecodeResult Single(byte[] bytes, out FrameDecoder decoder)
    {
        decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, bytes);
        return Assert.Single(results);
    }

    [Fact]
    public void Valid_SetOutputs()
    {
        var result = Single(SetOutputsFrame, out var decoder);
        Assert.Equal(FrameStatus.Ok, result.Status);
        Assert.Equal(MessageType.SetOutputs, result.Type);
        Assert.Equal(0x05, result.Sequence);
        Assert.Equal(0x02, result.Ack);
        Assert.Equal("0102000003" + "0BB8", result.Payload);
        Assert.Equal(0, decoder.DroppedBytes);
        Assert.Equal(1, decoder.FramesOk);
        Assert.False(decoder.InFrame);
    }

    [Fact]
    public void Valid_Status()
    {
        var result = Single(StatusFrame, out _);
        Assert.Equal(FrameStatus.Ok, result.Status);
        Assert.Equal(MessageType.Status, result.Type);
        Assert.Equal(0x10, result.Sequence);
        Assert.Equal(0x05, result.Ack);
        Assert.Equal("010000010105" + "0000" + "0000002A", result.Payload);
    }

    [Fact]
    public void Valid_EscapedBytesAreUnstuffed()
    {
        var result = Single(Escaped, out _);
        Assert.Equal(FrameStatus.Ok, result.Status);
        Assert.Equal(0x7E, result.Sequence);
        Assert.Equal(0x7D, result.Ack);
        Assert.Equal("090A000401" + "0000", result.Payload);
    }

    [Fact]
    public void Truncated_NeedsMoreData_AndReportsNothing()
    {
        var decoder = new FrameDecoder();
        for (int length = 1; length < SetOutputsFrame.Length; length++)
        {
            decoder = new FrameDecoder();
            var status = decoder.Push(SetOutputsFrame, 0, length, out int consumed);
            Assert.Equal(FrameStatus.NeedMoreData, status);
            Assert.Equal(length, consumed);
            Assert.True(decoder.InFrame);
            Assert.Equal(0, decoder.FramesOk + decoder.FramesMalformed);
        }

        // The rest completes it.
        var last = decoder.Push(SetOutputsFrame, SetOutputsFrame.Length - 1, 1, out _);
        Assert.Equal(FrameStatus.Ok, last);
    }

    [Fact]
    public void Truncated_ThenNextFrame_CutFrameIsBadLength_NextIsOk()
    {
        byte[] bytes = Concat(SetOutputsFrame[..8], StatusFrame);
        var decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, bytes);
        Assert.Equal(2, results.Count);
        Assert.Equal((FrameStatus.Malformed, FrameMalformedReason.BadLength), (results[0].Status, results[0].Reason));
        Assert.Equal((FrameStatus.Ok, MessageType.Status), (results[1].Status, results[1].Type));
        Assert.Equal(8, decoder.DroppedBytes);
    }

    [Theory]
    [InlineData(nameof(BadCrc), FrameMalformedReason.BadCrc)]
    [InlineData(nameof(BadVersion), FrameMalformedReason.BadVersion)]
    [InlineData(nameof(TooLongHeader), FrameMalformedReason.TooLong)]
    [InlineData(nameof(UnknownType), FrameMalformedReason.UnknownType)]
    [InlineData(nameof(BadLength), FrameMalformedReason.BadLength)]
    public void Malformed_WithReason(string fixture, FrameMalformedReason reason)
    {
        byte[] bytes = Fixture(fixture);
        var decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, bytes);
        var result = Assert.Single(results);
        Assert.Equal(FrameStatus.Malformed, result.Status);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(1, decoder.FramesMalformed);
        Assert.Equal(0, decoder.FramesOk);
    }

    [Fact]
    public void BadVersion_IsRejectedAtTheVersionByte_RestIsDropped()
    {
        var decoder = new FrameDecoder();
        Assert.Equal(FrameStatus.NeedMoreData, decoder.Push(BadVersion[0]));
        Assert.Equal(FrameStatus.Malformed, decoder.Push(BadVersion[1]));
        Assert.False(decoder.InFrame);
        var rest = DecodeResult.FeedWhole(decoder, BadVersion[2..]);
        Assert.Empty(rest);
        Assert.Equal(BadVersion.Length, decoder.DroppedBytes);
    }

    [Fact]
    public void TooLong_IsRejectedAsSoonAsTheHeaderIsIn()
    {
        var decoder = new FrameDecoder();
        var status = decoder.Push(TooLongHeader, 0, TooLongHeader.Length, out int consumed);
        Assert.Equal(FrameStatus.Malformed, status);
        Assert.Equal(TooLongHeader.Length, consumed);
        Assert.Equal(FrameMalformedReason.TooLong, decoder.Reason);
    }

    [Fact]
    public void OverLongFlood_StaysBounded_AndResyncsOnNextStartByte()
    {
        // A header announcing 255 bytes then 1000 bytes of payload-like junk (no 7e), then a good frame.
        byte[] junk = Enumerable.Range(0, 1000).Select(i => (byte)(i % 0x7C)).ToArray();
        byte[] bytes = Concat(Hex("7e 01 01 00 00 ff"), junk, SetOutputsFrame);
        var decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, bytes);
        Assert.Equal(new[] { FrameStatus.Malformed, FrameStatus.Ok }, results.Select(r => r.Status));
        Assert.Equal(FrameMalformedReason.TooLong, results[0].Reason);
        Assert.Equal(6 + 1000, decoder.DroppedBytes);
    }

    [Fact]
    public void GarbageBeforeAFrame_IsDroppedAndCounted()
    {
        // 5 bytes of line noise, no start byte among them.
        byte[] garbage = Hex("00 ff 13 7d 55");
        var decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, Concat(garbage, SetOutputsFrame));
        var result = Assert.Single(results);
        Assert.Equal(FrameStatus.Ok, result.Status);
        Assert.Equal(garbage.Length, decoder.DroppedBytes);
    }

    [Fact]
    public void GarbageWithAStartByte_IsReportedThenTheFrameStillDecodes()
    {
        // 7e then junk: a frame that fails its version check, then the real frame.
        byte[] garbage = Hex("7e 55 66 77");
        var decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, Concat(garbage, SetOutputsFrame));
        Assert.Equal(new[] { FrameStatus.Malformed, FrameStatus.Ok }, results.Select(r => r.Status));
        Assert.Equal(FrameMalformedReason.BadVersion, results[0].Reason);
        Assert.Equal(MessageType.SetOutputs, results[1].Type);
        Assert.Equal(garbage.Length, decoder.DroppedBytes);
    }

    [Fact]
    public void RepeatedStartBytes_OpenOneFrame()
    {
        var decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, Concat(Hex("7e 7e 7e"), SetOutputsFrame));
        Assert.Equal(FrameStatus.Ok, Assert.Single(results).Status);
        Assert.Equal(3, decoder.DroppedBytes);
    }

    [Fact]
    public void TwoFramesBackToBack()
    {
        var decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, Concat(SetOutputsFrame, StatusFrame));
        Assert.Equal(new[] { MessageType.SetOutputs, MessageType.Status }, results.Select(r => r.Type));
        Assert.All(results, r => Assert.Equal(FrameStatus.Ok, r.Status));
        Assert.Equal(0, decoder.DroppedBytes);
    }

    [Fact]
    public void BadCrcFrame_DoesNotSwallowTheNextFrame()
    {
        var decoder = new FrameDecoder();
        var results = DecodeResult.FeedWhole(decoder, Concat(BadCrc, Escaped, BadField));
        Assert.Equal(
            new[] { (FrameStatus.Malformed, FrameMalformedReason.BadCrc), (FrameStatus.Ok, FrameMalformedReason.None), (FrameStatus.Ok, FrameMalformedReason.None) },
            results.Select(r => (r.Status, r.Reason)));
    }

    [Fact]
    public void SplitAtEveryPosition_SameAsWhole()
    {
        byte[] stream = Concat(Hex("00 11"), SetOutputsFrame, BadCrc, Escaped, Hex("7e 55"), StatusFrame, TooLongHeader, Hex("22"), UnknownType, SetOutputsFrame[..6], BadLength, StatusFrame);
        var whole = DecodeResult.FeedWhole(new FrameDecoder(), stream);
        Assert.Equal(
            [
                (FrameStatus.Ok, FrameMalformedReason.None), (FrameStatus.Malformed, FrameMalformedReason.BadCrc),
                (FrameStatus.Ok, FrameMalformedReason.None), (FrameStatus.Malformed, FrameMalformedReason.BadVersion),
                (FrameStatus.Ok, FrameMalformedReason.None), (FrameStatus.Malformed, FrameMalformedReason.TooLong),
                (FrameStatus.Malformed, FrameMalformedReason.UnknownType), (FrameStatus.Malformed, FrameMalformedReason.BadLength),
                (FrameStatus.Malformed, FrameMalformedReason.BadLength), (FrameStatus.Ok, FrameMalformedReason.None),
            ],
            whole.Select(r => (r.Status, r.Reason)));
        Assert.Equal(DecodeResult.FeedBytes(new FrameDecoder(), stream), whole);

        for (int split = 1; split < stream.Length; split++)
        {
            var decoder = new FrameDecoder();
            var parts = DecodeResult.FeedWhole(decoder, stream[..split]);
            parts.AddRange(DecodeResult.FeedWhole(decoder, stream[split..]));
            Assert.Equal(whole, parts);
        }
    }

    [Fact]
    public void RandomBytes_NeverThrow_AndEveryByteIsAccountedFor()
    {
        var random = new Random(20261208);
        for (int run = 0; run < 300; run++)
        {
            byte[] noise = new byte[random.Next(1, 400)];
            random.NextBytes(noise);
            int at = random.Next(noise.Length + 1);
            byte[] input = Concat(noise[..at], SetOutputsFrame, noise[at..]);

            var decoder = new FrameDecoder();
            var whole = DecodeResult.FeedWhole(decoder, input);
            Assert.Equal(whole, DecodeResult.FeedBytes(new FrameDecoder(), input));

            // A start byte always opens a frame, so the embedded frame decodes whatever noise precedes it; noise
            // making a valid frame by chance (version, length and CRC right) does not happen with this seed.
            var ok = Assert.Single(whole, r => r.Status == FrameStatus.Ok);
            Assert.Equal(MessageType.SetOutputs, ok.Type);
            Assert.Equal(decoder.FramesMalformed, whole.Count(r => r.Status == FrameStatus.Malformed));
            Assert.Equal(input.Length, decoder.DroppedBytes + SetOutputsFrame.Length + decoder.PendingBytes);
        }
    }

    [Fact]
    public void Reset_DropsAPartialFrame()
    {
        var decoder = new FrameDecoder();
        decoder.Push(SetOutputsFrame, 0, 4, out _);
        decoder.Reset();
        Assert.False(decoder.InFrame);
        Assert.Equal(4, decoder.DroppedBytes);
        Assert.Equal(FrameStatus.Ok, Assert.Single(DecodeResult.FeedWhole(decoder, SetOutputsFrame)).Status);
    }

    private static byte[] Fixture(string name) => (byte[])typeof(IoModuleFixtures).GetField(name)!.GetValue(null)!;
}
