using EdgeSensor.Plant.Identity;

namespace EdgeSensor.Plant.Devices;

/// <summary>The rarely changing, string-valued part of a device: what it said about itself.</summary>
public sealed class DeviceProfile
{
    public S7DeviceIdentity? S7 { get; set; }

    public ModbusDeviceIdentity? Modbus { get; set; }
}
