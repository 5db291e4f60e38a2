using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

/// <summary>The segment record's bytes, field by field (CRC cross-checked with Python's zlib.crc32).</summary>
public sealed class RecordFrameTests
{
    private static readonly OutboxRecord Sample =
        new("t", new byte[] { 0xAA, 0xBB }, "m", 80, new DateTimeOffset(0x0123456789ABCDEF, TimeSpan.Zero));

    private static readonly byte[] SampleFrame =
    [
        0x45, 0x4F,                                     // magic 0x4F45
        0x1E, 0x00, 0x00, 0x00,                         // length 30: sequence + body
        0x7A, 0x8A, 0x89, 0xA6,                         // CRC-32 0xA6898A7A of the 30 bytes below
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // sequence 7
        0xEF, 0xCD, 0xAB, 0x89, 0x67, 0x45, 0x23, 0x01, // created, UTC ticks 0x0123456789ABCDEF
        0x50,                                           // severity 80
        0x00,                                           // reserved
        0x01, 0x00,                                     // message id length 1
        0x01, 0x00,                                     // topic length 1
        0x02, 0x00, 0x00, 0x00,                         // payload length 2
        0x6D,                                           // "m"
        0x74,                                           // "t"
        0xAA, 0xBB,                                     // payload
    ];

    [Fact]
    public void Encodes_the_documented_layout() => Assert.Equal(SampleFrame, RecordFrame.Encode(7, Sample));

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        Assert.Equal(FrameStatus.Ok, RecordFrame.TryReadHeader(SampleFrame, 4096, out int length, out long sequence, out byte severity));
        Assert.Equal((SampleFrame.Length, 7L, (byte)80), (length, sequence, severity));
        Assert.Equal(Sample, RecordFrame.Decode(SampleFrame));
    }

    [Fact]
    public void Every_shorter_prefix_is_truncated_never_ok()
    {
        for (int n = 0; n < SampleFrame.Length; n++)
        {
            Assert.Equal(FrameStatus.Truncated, RecordFrame.TryReadHeader(SampleFrame.AsSpan(0, n), 4096, out _, out _, out _));
        }
    }

    [Theory]
    [InlineData(0, (int)FrameStatus.BadMagic)]
    [InlineData(5, (int)FrameStatus.BadLength)]  // length 0x8000001E: negative as int32
    [InlineData(2, (int)FrameStatus.BadLength)]  // length 0x9E = 158: above the 100-byte record limit
    [InlineData(6, (int)FrameStatus.BadCrc)]
    [InlineData(26, (int)FrameStatus.BadCrc)]
    public void A_damaged_byte_is_rejected_with_its_reason(int offset, int expectedStatus)
    {
        var expected = (FrameStatus)expectedStatus;
        byte[] frame = [.. SampleFrame];
        frame[offset] ^= 0x80;
        FrameStatus status = RecordFrame.TryReadHeader(frame, 100, out _, out _, out _);
        Assert.Equal(expected, status);
    }

    [Fact]
    public void A_length_above_the_record_limit_is_bad_not_a_wait_for_more()
    {
        Assert.Equal(FrameStatus.BadLength, RecordFrame.TryReadHeader(SampleFrame, SampleFrame.Length - 1, out _, out _, out _));
    }
}
