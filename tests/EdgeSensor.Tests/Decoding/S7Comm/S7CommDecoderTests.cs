using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7Comm;
using static EdgeSensor.Tests.Decoding.S7Comm.S7Fixtures;

namespace EdgeSensor.Tests.Decoding.S7Comm;

public class S7CommDecoderTests
{
    // ---- valid ----

    [Fact]
    public void Job_header_is_ten_bytes_without_error_fields()
    {
        Assert.Equal(DecodeStatus.Ok, S7CommDecoder.TryReadHeader(SetupCommJob, out S7Header h, out S7MalformedReason r));
        Assert.Equal(S7MalformedReason.None, r);
        Assert.Equal(S7CommDecoder.ProtocolId, h.ProtocolId);
        Assert.Equal(S7Rosctr.Job, h.Rosctr);
        Assert.Equal(1, h.RawRosctr);
        Assert.Equal(0, h.RedundancyId);
        Assert.Equal(512, h.PduReference);
        Assert.Equal(8, h.ParameterLength);
        Assert.Equal(0, h.DataLength);
        Assert.False(h.HasError);
        Assert.Equal(10, h.HeaderLength);
        Assert.Equal(SetupCommJob.Length, h.TotalLength);
    }

    [Fact]
    public void Ack_data_header_is_twelve_bytes_with_error_fields()
    {
        Assert.Equal(DecodeStatus.Ok, S7CommDecoder.TryReadHeader(AckWithError, out S7Header h, out _));
        Assert.Equal(S7Rosctr.Ack, h.Rosctr);
        Assert.True(h.HasError);
        Assert.Equal(0xd2, h.ErrorClass);
        Assert.Equal(0x0c, h.ErrorCode);
        Assert.Equal(12, h.HeaderLength);
    }

    [Theory]
    [InlineData(0x01, S7Rosctr.Job)]
    [InlineData(0x02, S7Rosctr.Ack)]
    [InlineData(0x03, S7Rosctr.AckData)]
    [InlineData(0x07, S7Rosctr.Userdata)]
    public void Known_rosctr_values_map(byte raw, S7Rosctr expected) => Assert.Equal(expected, S7CommDecoder.ToRosctr(raw));

    // ---- incomplete ----

    [Theory]
    [InlineData("")]
    [InlineData("32")]
    [InlineData("32 01 0000 0200 0008 00")]        // Job, 9 of 10 header bytes
    [InlineData("32 03 0000 0200 0008 0000 00")]   // Ack_Data, 11 of 12 header bytes
    public void Prefix_of_a_header_needs_more_data(string hex)
    {
        Assert.Equal(DecodeStatus.NeedMoreData, S7CommDecoder.TryReadHeader(Hex(hex), out _, out S7MalformedReason r));
        Assert.Equal(S7MalformedReason.HeaderTooShort, r);
    }

    // ---- not this protocol ----

    [Theory]
    [InlineData("72 01 0000", S7MalformedReason.BadProtocolId)]         // S7comm-plus
    [InlineData("03 00 0016", S7MalformedReason.BadProtocolId)]         // TPKT
    [InlineData("32 05 0000 0000 0000 0000", S7MalformedReason.UnknownRosctr)]
    [InlineData("32 00 0000 0000 0000 0000", S7MalformedReason.UnknownRosctr)]
    public void Wrong_protocol_id_or_rosctr_is_rejected_cheaply(string hex, S7MalformedReason expected)
    {
        Assert.Equal(DecodeStatus.NotThisProtocol, S7CommDecoder.TryReadHeader(Hex(hex), out _, out S7MalformedReason r));
        Assert.Equal(expected, r);
    }
}
