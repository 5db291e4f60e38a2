using EdgeSensor.Plant.Identity;

namespace EdgeSensor.Tests.Plant.Identity;

/// <summary>
/// Modbus Read Device Identification (FC43 / MEI 14) answers run through the real pipeline; expected values from
/// <c>tshark -n -r F -Y "modbus.func_code==43" -O modbus</c>.
/// </summary>
public sealed class ModbusIdentityCaptureTests
{
    [Fact]
    public void Icsnpp_test_server_answers_three_basic_objects()
    {
        // modbus_many-function-codes_fc1-24-43_exception__icsnpp.pcap frame 94: conformity level 0x83, 3 objects:
        // VendorName "Zeek Modbus Test", ProductCode "Protocol Parsing is fun!", MajorMinorRevision "1.2.3.6".
        using var sink = IdentitySink.Run("modbus_many-function-codes_fc1-24-43_exception__icsnpp.pcap");
        ModbusDeviceIdentity device = Assert.Single(sink.Modbus.Values, d => d.AnswerCount > 0);
        Assert.Equal("Zeek Modbus Test", device.VendorName);
        Assert.Equal("Protocol Parsing is fun!", device.ProductCode);
        Assert.Equal("1.2.3.6", device.MajorMinorRevision);
        Assert.Null(device.VendorUrl);
        Assert.Null(device.ProductName);
        Assert.Null(device.ModelName);
        Assert.Null(device.UserApplicationName);
        Assert.Equal(0x83, device.ConformityLevel);
        Assert.Equal(1, device.AnswerCount);
    }

    [Fact]
    public void Answer_without_objects_and_exception_leave_the_identity_empty()
    {
        // modbus_fc43-14_read-device-id_exception.pcap: frame 2 answers with conformity level 0x00 and 0 objects
        // (tshark: "Number of Objects: 0"); frame 4 is exception 4 (slave device failure).
        using var sink = IdentitySink.Run("modbus_fc43-14_read-device-id_exception.pcap");
        ModbusDeviceIdentity device = Assert.Single(sink.Modbus.Values, d => d.AnswerCount > 0);
        Assert.Equal(1, device.AnswerCount);
        Assert.Equal(0, device.ConformityLevel);
        Assert.Null(device.VendorName);
        Assert.Null(device.ProductCode);
        Assert.Null(device.MajorMinorRevision);
    }
}
