using EdgeSensor.Plant.Identity;
using static EdgeSensor.Tests.Decoding.S7Comm.S7Fixtures;

namespace EdgeSensor.Tests.Plant.Identity;

public sealed class ModbusIdentityParserTests
{
    // icsnpp capture frame 94 shape: MBAP (tid 0x0001, proto 0, length, unit 1) | 2b | 0e | read code 01 |
    // conformity 83 | more 00 | next 00 | count 02 | objects.
    private static byte[] Answer(byte count, string objects)
    {
        byte[] pdu = Hex("2b 0e 01 83 00 00" + count.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + objects);
        byte[] adu = new byte[7 + pdu.Length];
        Hex("0001 0000 0000 01").CopyTo(adu, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(adu.AsSpan(4), (ushort)(pdu.Length + 1));
        pdu.CopyTo(adu, 7);
        return adu;
    }

    [Fact]
    public void Regular_objects_and_private_objects()
    {
        var device = new ModbusDeviceIdentity();
        byte[] adu = Answer(5,
            "03 0a 7777772e78782e636f6d"      // 3 VendorUrl "www.xx.com" (10 bytes)
            + "04 04 50524f44"                 // 4 ProductName "PROD"
            + "05 02 4d31"                     // 5 ModelName "M1"
            + "06 03 415050"                   // 6 UserApplicationName "APP"
            + "80 02 ffff");                   // private object: not kept
        Assert.True(ModbusIdentityParser.Apply(device, adu, 99));
        Assert.Equal("www.xx.com", device.VendorUrl);
        Assert.Equal("PROD", device.ProductName);
        Assert.Equal("M1", device.ModelName);
        Assert.Equal("APP", device.UserApplicationName);
        Assert.Equal(99, device.ChangedMicros);
        Assert.False(ModbusIdentityParser.Apply(device, adu, 100));
        Assert.Equal(2, device.AnswerCount);
    }

    [Fact]
    public void Truncated_object_list_keeps_the_complete_objects()
    {
        var device = new ModbusDeviceIdentity();
        byte[] adu = Answer(2, "00 03 414243 | 01 09 3132");  // second object announces 9 bytes, has 2
        ModbusIdentityParser.Apply(device, adu);
        Assert.Equal("ABC", device.VendorName);
        Assert.Null(device.ProductCode);
    }

    [Fact]
    public void Requests_exceptions_and_other_functions_are_ignored()
    {
        var device = new ModbusDeviceIdentity();
        Assert.False(ModbusIdentityParser.Apply(device, Hex("0001 0000 0005 01 | 2b 0e 01 00")));   // request
        Assert.False(ModbusIdentityParser.Apply(device, Hex("0001 0000 0003 01 | ab 04")));         // exception
        Assert.False(ModbusIdentityParser.Apply(device, Hex("0001 0000 0006 01 | 03 02 0000 00"))); // FC3
        Assert.False(ModbusIdentityParser.Apply(device, []));
        Assert.Equal(0, device.AnswerCount);
    }

    [Fact]
    public void Control_characters_in_objects_are_replaced()
    {
        var device = new ModbusDeviceIdentity();
        ModbusIdentityParser.Apply(device, Answer(1, "00 06 41 1b 5b 32 4a 00"));
        Assert.Equal("A\uFFFD[2J", device.VendorName);
    }
}
