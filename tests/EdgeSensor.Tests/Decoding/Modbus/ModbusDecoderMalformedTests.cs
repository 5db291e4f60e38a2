using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Modbus;
using static EdgeSensor.Tests.Decoding.Modbus.ModbusFixtures;

namespace EdgeSensor.Tests.Decoding.Modbus;

/// <summary>One fixture per malformed reason; the fields before the violation must still be there.</summary>
public class ModbusDecoderMalformedTests
{
    private static ModbusAdu DecodeMalformed(byte[] bytes, ModbusDirection direction, ModbusMalformedReason expected)
    {
        DecodeStatus status = ModbusDecoder.TryDecode(bytes, direction, out ModbusAdu adu, out ModbusMalformedReason reason);
        Assert.Equal(DecodeStatus.Malformed, status);
        Assert.Equal(expected, reason);
        return adu;
    }

    [Fact]
    public void LengthTooShort()
    {
        // 0001 | 0000 | 0001 length 1: unit id only | 01 unit | 03 (not covered by the length)
        ModbusAdu adu = DecodeMalformed(Hex("0001 0000 0001 01 03"), ModbusDirection.Request, ModbusMalformedReason.LengthTooShort);
        Assert.Equal(1, adu.TransactionId);
        Assert.False(adu.Has(ModbusFields.FunctionCode));
    }

    [Fact]
    public void LengthTooLong()
    {
        // 0001 | 0000 | 00ff length 255 | 01 | 64 user code | 253 bytes
        byte[] bytes = new byte[255 + 6];
        Hex("0001 0000 00ff 01 64").CopyTo(bytes, 0);
        ModbusAdu adu = DecodeMalformed(bytes, ModbusDirection.Request, ModbusMalformedReason.LengthTooLong);
        Assert.Equal(100, adu.RawFunctionCode);
    }

    [Fact]
    public void LengthMismatch()
    {
        // FC3 request whose MBAP says 6 but only 5 follow: 0001 | 0000 | 0006 | 0a | 03 | 0005 | 00
        ModbusAdu adu = DecodeMalformed(Hex("0001 0000 0006 0a 03 0005 00"), ModbusDirection.Request, ModbusMalformedReason.LengthMismatch);
        Assert.Equal(5, adu.ReferenceNumber);
        Assert.False(adu.Has(ModbusFields.Quantity));
    }

    [Fact]
    public void TruncatedPdu_MaskWriteKeepsReference()
    {
        ModbusAdu adu = DecodeMalformed(MaskWriteTruncated, ModbusDirection.Request, ModbusMalformedReason.TruncatedPdu);
        Assert.True(adu.Has(ModbusFields.ReferenceNumber | ModbusFields.AndMask));
        Assert.False(adu.Has(ModbusFields.OrMask));
    }

    [Fact]
    public void TruncatedPdu_ReadWriteKeepsReadFields()
    {
        ModbusAdu adu = DecodeMalformed(ReadWriteTruncated, ModbusDirection.Request, ModbusMalformedReason.TruncatedPdu);
        Assert.True(adu.Has(ModbusFields.ReadReferenceNumber | ModbusFields.ReadQuantity));
        Assert.False(adu.Has(ModbusFields.WriteReferenceNumber));
    }

    [Fact]
    public void TruncatedPdu_ExceptionWithoutCode()
    {
        // 0001 | 0000 | 0002 | 01 | 83 | (exception code missing)
        ModbusAdu adu = DecodeMalformed(Hex("0001 0000 0002 01 83"), ModbusDirection.Response, ModbusMalformedReason.TruncatedPdu);
        Assert.True(adu.IsException);
        Assert.False(adu.TryGetExceptionCode(out _));
    }

    [Fact]
    public void TruncatedPdu_FewerThanMbapBytes()
    {
        DecodeMalformed(Hex("0001 0000 00"), ModbusDirection.Request, ModbusMalformedReason.TruncatedPdu);
    }

    [Fact]
    public void ByteCountMismatch_WriteMultipleRegisters()
    {
        // 0001 | 0000 | 000b | 01 | 10 | 0000 ref | 0002 qty | 03 byte count (should be 4) | 000000 0000 (4 bytes)
        ModbusAdu adu = DecodeMalformed(Hex("0001 0000 000b 01 10 0000 0002 03 0000 0000"), ModbusDirection.Request, ModbusMalformedReason.ByteCountMismatch);
        Assert.Equal(3, adu.ByteCount);
    }

    [Fact]
    public void ByteCountMismatch_ReadRegistersResponse()
    {
        // 0001 | 0000 | 0005 | 01 | 03 | 04 byte count | 0001 (only 2 bytes follow)
        DecodeMalformed(Hex("0001 0000 0005 01 03 04 0001"), ModbusDirection.Response, ModbusMalformedReason.ByteCountMismatch);
    }

    [Theory]
    [InlineData("01", "0000", "07d1")] // 2001 coils
    [InlineData("02", "0000", "0000")] // 0 inputs
    [InlineData("03", "0000", "007e")] // 126 registers
    [InlineData("04", "0384", "0093")] // 147 registers (modbus_fuzz-1011_malformed.pcap frame 1)
    public void QuantityOutOfRange_Reads(string fc, string reference, string quantity)
    {
        ModbusAdu adu = DecodeMalformed(Hex($"0000 0000 0006 ff {fc} {reference} {quantity}"), ModbusDirection.Request, ModbusMalformedReason.QuantityOutOfRange);
        Assert.True(adu.Has(ModbusFields.Quantity));
    }

    [Fact]
    public void QuantityOutOfRange_WriteMultipleRegisters()
    {
        // 124 registers: 0001 | 0000 | 00ff... a 124-register write does not even fit; quantity alone is checked first.
        byte[] bytes = Hex("0001 0000 0007 01 10 0000 007c 00");
        DecodeMalformed(bytes, ModbusDirection.Request, ModbusMalformedReason.QuantityOutOfRange);
    }

    [Fact]
    public void InvalidCoilValue()
    {
        // 0001 | 0000 | 0006 | 01 | 05 | 0001 | 1234 (must be 0000 or ff00)
        DecodeMalformed(Hex("0001 0000 0006 01 05 0001 1234"), ModbusDirection.Request, ModbusMalformedReason.InvalidCoilValue);
    }

    [Fact]
    public void InvalidExceptionCode()
    {
        // 0001 | 0000 | 0003 | 01 | 83 | 00
        DecodeMalformed(Hex("0001 0000 0003 01 83 00"), ModbusDirection.Response, ModbusMalformedReason.InvalidExceptionCode);
    }

    [Fact]
    public void TrailingBytes()
    {
        // FC3 request with an extra byte: 0001 | 0000 | 0007 | 01 | 03 | 0000 | 0001 | ff
        ModbusAdu adu = DecodeMalformed(Hex("0001 0000 0007 01 03 0000 0001 ff"), ModbusDirection.Request, ModbusMalformedReason.TrailingBytes);
        Assert.Equal(1, adu.Quantity);
    }

    [Fact]
    public void InvalidReadDeviceIdCode()
    {
        // 0001 | 0000 | 0005 | 01 | 2b | 0e | 05 (1..4) | 00
        DecodeMalformed(Hex("0001 0000 0005 01 2b 0e 05 00"), ModbusDirection.Request, ModbusMalformedReason.InvalidReadDeviceIdCode);
    }

    [Fact]
    public void ObjectListOverrun()
    {
        // 43/14 response declaring 2 objects, the second cut: ... | 02 objects | 00 03 "abc" | 01 05 "xy"
        ModbusAdu adu = DecodeMalformed(Hex("0001 0000 0011 01 2b 0e 01 01 00 00 02 00 03 616263 01 05 7879"), ModbusDirection.Response, ModbusMalformedReason.ObjectListOverrun);
        Assert.Equal(2, adu.NumberOfObjects);
    }

    [Fact]
    public void NotThisProtocol_ProtocolIdNotZero()
    {
        DecodeStatus status = ModbusDecoder.TryDecode(Hex("0001 0001 0006 01 03 0000 0001"), ModbusDirection.Request, out _, out ModbusMalformedReason reason);
        Assert.Equal(DecodeStatus.NotThisProtocol, status);
        Assert.Equal(ModbusMalformedReason.None, reason);
    }
}
