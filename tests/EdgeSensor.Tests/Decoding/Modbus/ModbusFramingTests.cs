using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Modbus;
using static EdgeSensor.Tests.Decoding.Modbus.ModbusFixtures;

namespace EdgeSensor.Tests.Decoding.Modbus;

public class ModbusFramingTests
{
    // ---- valid ----
    [Fact]
    public void CompleteAdu_FrameLengthIsMbapLengthPlusSix()
    {
        DecodeStatus status = ModbusFraming.TryGetFrameLength(ReadHoldingRequest, out int frameLength, out ModbusMalformedReason reason);
        Assert.Equal(DecodeStatus.Ok, status);
        Assert.Equal(12, frameLength);
        Assert.Equal(ModbusMalformedReason.None, reason);
    }

    [Fact]
    public void TwoAdusBackToBack_FirstFrameOnly()
    {
        byte[] stream = [.. ReadHoldingRequest, .. ReadHoldingResponse];
        Assert.Equal(DecodeStatus.Ok, ModbusFraming.TryGetFrameLength(stream, out int first, out _));
        Assert.Equal(ReadHoldingRequest.Length, first);
        Assert.Equal(DecodeStatus.Ok, ModbusFraming.TryGetFrameLength(stream.AsSpan(first), out int second, out _));
        Assert.Equal(ReadHoldingResponse.Length, second);
    }

    [Fact]
    public void HeadOfLargerFrame_OkWithLengthBeyondStream()
    {
        // 8 bytes of a 43/14 response whose MBAP says 0x3d: the caller waits for 0x3d + 6.
        DecodeStatus status = ModbusFraming.TryGetFrameLength(ReadDeviceIdResponse.AsSpan(0, 8), out int frameLength, out _);
        Assert.Equal(DecodeStatus.Ok, status);
        Assert.Equal(0x3d + 6, frameLength);
    }

    [Fact]
    public void LengthAbove254_OkWithWarning()
    {
        // 0000 | 0000 | 0100 length 256 | 01 | 03
        DecodeStatus status = ModbusFraming.TryGetFrameLength(Hex("0000 0000 0100 01 03"), out int frameLength, out ModbusMalformedReason reason);
        Assert.Equal(DecodeStatus.Ok, status);
        Assert.Equal(262, frameLength);
        Assert.Equal(ModbusMalformedReason.LengthTooLong, reason);
    }

    // ---- incomplete: NeedMoreData and nothing consumed ----
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(7)]
    public void FewerThanEightBytes_NeedMoreData(int length)
    {
        DecodeStatus status = ModbusFraming.TryGetFrameLength(ReadHoldingRequest.AsSpan(0, length), out int frameLength, out ModbusMalformedReason reason);
        Assert.Equal(DecodeStatus.NeedMoreData, status);
        Assert.Equal(0, frameLength);
        Assert.Equal(ModbusMalformedReason.None, reason);
    }

    // ---- not this protocol ----
    [Fact]
    public void ProtocolIdNotZero_NotThisProtocol()
    {
        // 0001 | 0005 protocol id | 0006 | 01 | 03
        Assert.Equal(DecodeStatus.NotThisProtocol, ModbusFraming.TryGetFrameLength(Hex("0001 0005 0006 01 03"), out _, out _));
    }

    [Theory]
    [InlineData("0000")]
    [InlineData("0001")]
    public void MbapLengthBelowTwo_NotThisProtocol(string length)
    {
        DecodeStatus status = ModbusFraming.TryGetFrameLength(Hex($"0001 0000 {length} 01 03"), out int frameLength, out ModbusMalformedReason reason);
        Assert.Equal(DecodeStatus.NotThisProtocol, status);
        Assert.Equal(0, frameLength);
        Assert.Equal(ModbusMalformedReason.LengthTooShort, reason);
    }

    [Fact]
    public void TextOnPort502_NotThisProtocol()
    {
        // "GET / HTTP/1.1": protocol id bytes are "/ " -> not Modbus.
        Assert.Equal(DecodeStatus.NotThisProtocol, ModbusFraming.TryGetFrameLength("GET / HTTP/1.1\r\n"u8, out _, out _));
    }
}
