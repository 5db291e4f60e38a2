using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Modbus;
using static EdgeSensor.Tests.Decoding.Modbus.ModbusFixtures;

namespace EdgeSensor.Tests.Decoding.Modbus;

public class ModbusDecoderValidTests
{
    private static ModbusAdu DecodeOk(byte[] bytes, ModbusDirection direction)
    {
        DecodeStatus status = ModbusDecoder.TryDecode(bytes, direction, out ModbusAdu adu, out ModbusMalformedReason reason);
        Assert.Equal(ModbusMalformedReason.None, reason);
        Assert.Equal(DecodeStatus.Ok, status);
        return adu;
    }

    [Fact]
    public void ReadCoilsRequest_HeaderAndFields()
    {
        ModbusAdu adu = DecodeOk(ReadCoilsRequest, ModbusDirection.Request);
        Assert.Equal(1, adu.TransactionId);
        Assert.Equal(0, adu.ProtocolId);
        Assert.Equal(6, adu.Length);
        Assert.Equal(1, adu.UnitId);
        Assert.Equal(ModbusFunctionCode.ReadCoils, adu.FunctionCode);
        Assert.Equal(1, adu.RawFunctionCode);
        Assert.False(adu.IsException);
        Assert.True(adu.TryGetReferenceNumber(out ushort reference));
        Assert.Equal(0, reference);
        Assert.True(adu.TryGetQuantity(out ushort quantity));
        Assert.Equal(3, quantity);
        Assert.False(adu.TryGetByteCount(out _));
    }

    [Fact]
    public void ReadCoilsResponse_ByteCount()
    {
        ModbusAdu adu = DecodeOk(ReadCoilsResponse, ModbusDirection.Response);
        Assert.Equal(ModbusFields.FunctionCode | ModbusFields.ByteCount, adu.Fields);
        Assert.Equal(1, adu.ByteCount);
    }

    [Fact]
    public void ReadHoldingRegisters_RequestAndResponse()
    {
        ModbusAdu request = DecodeOk(ReadHoldingRequest, ModbusDirection.Request);
        Assert.Equal(ModbusFunctionCode.ReadHoldingRegisters, request.FunctionCode);
        Assert.Equal(10, request.UnitId);
        Assert.Equal(5, request.ReferenceNumber);
        Assert.Equal(2, request.Quantity);

        ModbusAdu response = DecodeOk(ReadHoldingResponse, ModbusDirection.Response);
        Assert.Equal(4, response.ByteCount);
    }

    [Theory]
    [InlineData(ModbusDirection.Request)]
    [InlineData(ModbusDirection.Response)]
    public void WriteSingleCoil_EchoDecodesBothWays(ModbusDirection direction)
    {
        ModbusAdu adu = DecodeOk(WriteSingleCoil, direction);
        Assert.Equal(ModbusFunctionCode.WriteSingleCoil, adu.FunctionCode);
        Assert.Equal(2, adu.ReferenceNumber);
        Assert.True(adu.Has(ModbusFields.Value));
        Assert.Equal(0, adu.Value);
    }

    [Fact]
    public void WriteMultipleCoils_RequestAndResponse()
    {
        ModbusAdu request = DecodeOk(WriteMultipleCoilsRequest, ModbusDirection.Request);
        Assert.Equal(3, request.Quantity);
        Assert.Equal(1, request.ByteCount);

        ModbusAdu response = DecodeOk(WriteMultipleCoilsResponse, ModbusDirection.Response);
        Assert.Equal(0, response.ReferenceNumber);
        Assert.Equal(3, response.Quantity);
        Assert.False(response.Has(ModbusFields.ByteCount));
    }

    [Fact]
    public void WriteMultipleRegisters_Request()
    {
        ModbusAdu adu = DecodeOk(WriteMultipleRegistersRequest, ModbusDirection.Request);
        Assert.Equal(ModbusFunctionCode.WriteMultipleRegisters, adu.FunctionCode);
        Assert.Equal(1, adu.ReferenceNumber);
        Assert.Equal(4, adu.Quantity);
        Assert.Equal(8, adu.ByteCount);
    }

    [Fact]
    public void MaskWriteRegister_Request()
    {
        ModbusAdu adu = DecodeOk(MaskWriteRequest, ModbusDirection.Request);
        Assert.Equal(10, adu.ReferenceNumber);
        Assert.Equal(0xDEAD, adu.AndMask);
        Assert.Equal(0, adu.OrMask);
    }

    [Fact]
    public void ReadWriteMultipleRegisters_RequestAndResponse()
    {
        ModbusAdu request = DecodeOk(ReadWriteRequest, ModbusDirection.Request);
        Assert.Equal(ModbusFunctionCode.ReadWriteMultipleRegisters, request.FunctionCode);
        Assert.Equal(1, request.ReadReferenceNumber);
        Assert.Equal(4, request.ReadQuantity);
        Assert.Equal(2, request.WriteReferenceNumber);
        Assert.Equal(3, request.WriteQuantity);
        Assert.Equal(6, request.ByteCount);
        Assert.False(request.Has(ModbusFields.ReferenceNumber));

        ModbusAdu response = DecodeOk(ReadWriteResponse, ModbusDirection.Response);
        Assert.Equal(8, response.ByteCount);
    }

    [Fact]
    public void ReadFifoQueue_RequestAndResponse()
    {
        ModbusAdu request = DecodeOk(ReadFifoRequest, ModbusDirection.Request);
        Assert.Equal(ModbusFunctionCode.ReadFifoQueue, request.FunctionCode);
        Assert.True(request.Has(ModbusFields.ReferenceNumber));

        ModbusAdu response = DecodeOk(ReadFifoResponse, ModbusDirection.Response);
        Assert.Equal(2, response.ByteCount);
        Assert.True(response.Has(ModbusFields.FifoCount));
        Assert.Equal(0, response.FifoCount);
    }

    [Fact]
    public void Diagnostics_SubFunctionAndData()
    {
        ModbusAdu adu = DecodeOk(DiagnosticsRequest, ModbusDirection.Request);
        Assert.Equal(ModbusFunctionCode.Diagnostics, adu.FunctionCode);
        Assert.Equal(2, adu.SubFunction);
        Assert.True(adu.Has(ModbusFields.Value));
    }

    [Fact]
    public void ReadDeviceIdentification_Request()
    {
        ModbusAdu adu = DecodeOk(ReadDeviceIdRequest, ModbusDirection.Request);
        Assert.Equal(ModbusFunctionCode.EncapsulatedInterfaceTransport, adu.FunctionCode);
        Assert.True(adu.TryGetMeiType(out byte mei));
        Assert.Equal(14, mei);
        Assert.Equal(1, adu.ReadDeviceIdCode);
        Assert.True(adu.Has(ModbusFields.ObjectId));
        Assert.Equal(0, adu.ObjectId);
    }

    [Fact]
    public void ReadDeviceIdentification_ResponseWithObjects()
    {
        ModbusAdu adu = DecodeOk(ReadDeviceIdResponse, ModbusDirection.Response);
        Assert.Equal(14, adu.MeiType);
        Assert.Equal(1, adu.ReadDeviceIdCode);
        Assert.Equal(0x83, adu.ConformityLevel);
        Assert.Equal(0, adu.MoreFollows);
        Assert.Equal(3, adu.NumberOfObjects);
        Assert.False(adu.Has(ModbusFields.ObjectId));
    }

    [Fact]
    public void ReadDeviceIdentification_ZeroObjectsWithPaddingIsTrailing()
    {
        // tshark shows this frame without complaint; the spec layout ends after the object list.
        DecodeStatus status = ModbusDecoder.TryDecode(ReadDeviceIdNoObjects, ModbusDirection.Response, out ModbusAdu adu, out ModbusMalformedReason reason);
        Assert.Equal(DecodeStatus.Malformed, status);
        Assert.Equal(ModbusMalformedReason.TrailingBytes, reason);
        Assert.Equal(0, adu.NumberOfObjects);
        Assert.Equal(0xB7, adu.NextObjectId);
    }

    [Theory]
    [InlineData(nameof(ReadDeviceIdException), 0xAB, 43, 4)]
    [InlineData(nameof(ReadWriteException), 0x97, 23, 10)]
    [InlineData(nameof(ReadHoldingException), 0x83, 3, 2)]
    public void Exceptions_KeepRawCodeAndExceptionCode(string fixture, int raw, int code, int exception)
    {
        byte[] bytes = (byte[])typeof(ModbusFixtures).GetField(fixture)!.GetValue(null)!;
        foreach (ModbusDirection direction in new[] { ModbusDirection.Response, ModbusDirection.Unknown })
        {
            ModbusAdu adu = DecodeOk(bytes, direction);
            Assert.True(adu.IsException);
            Assert.Equal(raw, adu.RawFunctionCode);
            Assert.Equal(code, adu.Code);
            Assert.Equal((ModbusFunctionCode)code, adu.FunctionCode);
            Assert.True(adu.TryGetExceptionCode(out byte exceptionCode));
            Assert.Equal(exception, exceptionCode);
        }
    }

    [Fact]
    public void SchneiderUmas_KeepsCodeOnly()
    {
        ModbusAdu adu = DecodeOk(UmasRequest, ModbusDirection.Request);
        Assert.Equal(ModbusFunctionCode.SchneiderUmas, adu.FunctionCode);
        Assert.Equal(ModbusFields.FunctionCode, adu.Fields);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(72)]
    [InlineData(100)]
    [InlineData(110)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(127)]
    [InlineData(0)]
    public void VendorAndUnknownCodes_DecodeOkWithRawCode(int code)
    {
        // 0000 | 0000 | 0006 | 01 | code | 4 opaque bytes
        byte[] bytes = Hex("0000 0000 0006 01 00 deadbeef");
        bytes[7] = (byte)code;
        ModbusAdu request = DecodeOk(bytes, ModbusDirection.Request);
        ModbusAdu response = DecodeOk(bytes, ModbusDirection.Response);
        Assert.Equal(code, request.RawFunctionCode);
        Assert.Equal(code, response.Code);
        Assert.Equal(ModbusFields.FunctionCode, request.Fields);
        Assert.Equal(ModbusDecoder.Classify((byte)code), request.FunctionCode);
    }

    [Fact]
    public void UnknownDirection_DecodesFunctionCodeOnly()
    {
        ModbusAdu adu = DecodeOk(ReadHoldingRequest, ModbusDirection.Unknown);
        Assert.Equal(ModbusFields.FunctionCode, adu.Fields);
        Assert.Equal(ModbusDirection.Unknown, adu.Direction);
    }

    [Fact]
    public void Classify_NamesPublicAndVendorCodes()
    {
        Assert.Equal(ModbusFunctionCode.ReadCoils, ModbusDecoder.Classify(1));
        Assert.Equal(ModbusFunctionCode.ReadFifoQueue, ModbusDecoder.Classify(24));
        Assert.Equal(ModbusFunctionCode.Unknown, ModbusDecoder.Classify(25));
        Assert.Equal(ModbusFunctionCode.EncapsulatedInterfaceTransport, ModbusDecoder.Classify(43));
        Assert.Equal(ModbusFunctionCode.SchneiderUmas, ModbusDecoder.Classify(90));
        Assert.Equal(ModbusFunctionCode.ModiconProgramming125, ModbusDecoder.Classify(125));
        Assert.Equal(ModbusFunctionCode.ModiconProgramming126, ModbusDecoder.Classify(126));
        Assert.Equal(ModbusFunctionCode.Unknown, ModbusDecoder.Classify(66));
    }
}
