using Edge.IoModule;
using static EdgeSensor.Tests.IoModule.IoModuleFixtures;

namespace EdgeSensor.Tests.IoModule;

public class FrameEncoderTests
{
    [Fact]
    public void Crc_CheckValue()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.Equal(0x29B1, Crc16CcittFalse.Compute(check, 0, check.Length));
    }

    [Fact]
    public void Encode_SetOutputs_MatchesFixture()
    {
        byte[] frame = FrameEncoder.Encode(MessageType.SetOutputs, 0x05, 0x02, SetOutputsSample.ToPayload());
        Assert.Equal(Convert.ToHexString(SetOutputsFrame), Convert.ToHexString(frame));
    }

    [Fact]
    public void Encode_Status_MatchesFixture()
    {
        byte[] frame = FrameEncoder.Encode(MessageType.Status, 0x10, 0x05, StatusSample.ToPayload());
        Assert.Equal(Convert.ToHexString(StatusFrame), Convert.ToHexString(frame));
    }

    [Fact]
    public void Encode_StuffsStartAndEscapeBytes()
    {
        var message = new SetOutputsMessage(LedPattern.WigWagA, LedPattern.WigWagB, LedPattern.Off, LedPattern.Flash, true, false, 0);
        byte[] frame = FrameEncoder.Encode(MessageType.SetOutputs, 0x7E, 0x7D, message.ToPayload());
        Assert.Equal(Convert.ToHexString(Escaped), Convert.ToHexString(frame));
        Assert.Equal(1, frame.Count(b => b == IoProtocol.StartByte));
    }

    [Fact]
    public void Encode_WorstCaseFitsTheMaximum()
    {
        // Every byte a 7e: the payload, sequence and ack all need escaping.
        byte[] payload = Enumerable.Repeat(IoProtocol.StartByte, IoProtocol.MaxPayloadLength).ToArray();
        byte[] destination = new byte[IoProtocol.MaxEncodedFrameLength];
        int length = FrameEncoder.Encode(MessageType.SetOutputs, 0x7E, 0x7E, payload, payload.Length, destination, 0);
        Assert.InRange(length, 1 + IoProtocol.MaxFrameLength, IoProtocol.MaxEncodedFrameLength);
        Assert.Equal(IoProtocol.MaxEncodedFrameLength, FrameEncoder.MaxEncodedLength(IoProtocol.MaxPayloadLength));
    }

    [Fact]
    public void Encode_RejectsOversizedPayloadAndShortDestination()
    {
        byte[] payload = new byte[IoProtocol.MaxPayloadLength + 1];
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameEncoder.Encode(MessageType.SetOutputs, 0, 0, payload));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameEncoder.Encode(MessageType.SetOutputs, 0, 0, new byte[7], 7, new byte[20], 0));
    }

    public static TheoryData<SetOutputsMessage> SetOutputsMessages()
    {
        var data = new TheoryData<SetOutputsMessage>();
        for (byte p = 0; p <= LedPatterns.MaxPatternValue; p++)
        {
            var pattern = (LedPattern)p;
            var next = (LedPattern)((p + 1) % (LedPatterns.MaxPatternValue + 1));
            data.Add(new SetOutputsMessage(pattern, next, pattern, next, p % 2 == 0, p % 3 == 0, (ushort)(p * 1000)));
        }

        data.Add(new SetOutputsMessage(LedPattern.Off, LedPattern.Off, LedPattern.Off, LedPattern.Off, false, false, ushort.MaxValue));
        return data;
    }

    [Theory]
    [MemberData(nameof(SetOutputsMessages))]
    public void RoundTrip_SetOutputs(SetOutputsMessage message)
    {
        byte[] frame = FrameEncoder.Encode(MessageType.SetOutputs, 200, 100, message.ToPayload());
        var decoder = new FrameDecoder();
        Assert.Equal(FrameStatus.Ok, decoder.Push(frame, 0, frame.Length, out int consumed));
        Assert.Equal(frame.Length, consumed);
        Assert.Equal((MessageType.SetOutputs, (byte)200, (byte)100), (decoder.Frame.Type, decoder.Frame.Sequence, decoder.Frame.Ack));
        Assert.True(SetOutputsMessage.TryRead(decoder.Frame.Payload, out var read));
        Assert.Equal(message, read);
    }

    public static TheoryData<StatusMessage> StatusMessages()
    {
        var data = new TheoryData<StatusMessage>();
        for (byte e = 0; e <= StatusMessage.MaxButtonEventValue; e++)
        {
            data.Add(new StatusMessage(1, e, (StatusFlags)(1 << e), (ButtonEvent)e, (byte)(e * 50), (byte)(0x7E + e), (ushort)(0x7D7E + e), 0x7E7D0000u + e));
        }

        data.Add(new StatusMessage(255, 255, (StatusFlags)0x3F, ButtonEvent.Released, 255, 255, ushort.MaxValue, uint.MaxValue));
        return data;
    }

    [Theory]
    [MemberData(nameof(StatusMessages))]
    public void RoundTrip_Status(StatusMessage message)
    {
        byte[] frame = FrameEncoder.Encode(MessageType.Status, 0x7D, 0x7E, message.ToPayload());
        var decoder = new FrameDecoder();
        Assert.Equal(FrameStatus.Ok, decoder.Push(frame, 0, frame.Length, out _));
        Assert.Equal(MessageType.Status, decoder.Frame.Type);
        Assert.True(StatusMessage.TryRead(decoder.Frame.Payload, out var read));
        Assert.Equal(message, read);
    }

    [Fact]
    public void SetOutputs_UndefinedPatternIsRejected()
    {
        var decoder = new FrameDecoder();
        Assert.Equal(FrameStatus.Ok, decoder.Push(BadField, 0, BadField.Length, out _));
        Assert.False(SetOutputsMessage.TryRead(decoder.Frame.Payload, out _));
    }

    [Fact]
    public void Status_UndefinedEventIsRejected()
    {
        byte[] payload = StatusSample.ToPayload();
        payload[3] = StatusMessage.MaxButtonEventValue + 1;
        Assert.False(StatusMessage.TryRead(payload, out _));
        Assert.False(StatusMessage.TryRead(payload[..^1], out _));
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    public void RelayLevel_ForAlarm(bool alarm, bool failSafe, bool energised)
    {
        Assert.Equal(energised, Edge.IoModule.SetOutputsMessage.RelayEnergisedFor(alarm, failSafe));
    }
}
