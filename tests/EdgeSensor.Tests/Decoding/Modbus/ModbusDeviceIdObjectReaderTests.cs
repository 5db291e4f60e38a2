using System.Text;
using EdgeSensor.Decoding.Modbus;
using static EdgeSensor.Tests.Decoding.Modbus.ModbusFixtures;

namespace EdgeSensor.Tests.Decoding.Modbus;

public class ModbusDeviceIdObjectReaderTests
{
    [Fact]
    public void CaptureResponse_EnumeratesVendorProductRevision()
    {
        Assert.True(ModbusDeviceIdObjectReader.TryCreate(ReadDeviceIdResponse, out ModbusDeviceIdObjectReader reader));
        Assert.Equal(1, reader.ReadDeviceIdCode);
        Assert.Equal(0x83, reader.ConformityLevel);
        Assert.Equal(3, reader.NumberOfObjects);

        var objects = new List<(byte Id, string Value)>();
        while (reader.TryReadNext(out byte id, out ReadOnlySpan<byte> value))
        {
            objects.Add((id, Encoding.ASCII.GetString(value)));
        }

        Assert.Equal(
            [
                (ModbusDeviceIdObjectReader.VendorNameId, "Zeek Modbus Test"),
                (ModbusDeviceIdObjectReader.ProductCodeId, "Protocol Parsing is fun!"),
                (ModbusDeviceIdObjectReader.MajorMinorRevisionId, "1.2.3.6"),
            ],
            objects);
        Assert.False(reader.IsTruncated);
        Assert.Equal(3, reader.ObjectsRead);
    }

    [Fact]
    public void ZeroObjects_ReadsNothing()
    {
        Assert.True(ModbusDeviceIdObjectReader.TryCreate(ReadDeviceIdNoObjects, out ModbusDeviceIdObjectReader reader));
        Assert.False(reader.TryReadNext(out _, out _));
        Assert.False(reader.IsTruncated);
    }

    [Fact]
    public void OverrunningObject_StopsTruncated()
    {
        // ... | 02 objects | 00 03 "abc" | 01 05 "xy" (3 bytes short)
        Assert.True(ModbusDeviceIdObjectReader.TryCreate(Hex("0001 0000 0011 01 2b 0e 01 01 00 00 02 00 03 616263 01 05 7879"), out ModbusDeviceIdObjectReader reader));
        Assert.True(reader.TryReadNext(out byte id, out ReadOnlySpan<byte> value));
        Assert.Equal(0, id);
        Assert.Equal("abc"u8.ToArray(), value.ToArray());
        Assert.False(reader.TryReadNext(out _, out _));
        Assert.True(reader.IsTruncated);
    }

    [Theory]
    [InlineData(nameof(ReadDeviceIdRequest))]   // request: header bytes missing
    [InlineData(nameof(ReadDeviceIdException))] // exception
    [InlineData(nameof(ReadHoldingResponse))]   // another function
    public void NotA43_14Response_IsRefused(string fixture)
    {
        byte[] bytes = (byte[])typeof(ModbusFixtures).GetField(fixture)!.GetValue(null)!;
        Assert.False(ModbusDeviceIdObjectReader.TryCreate(bytes, out _));
    }
}
