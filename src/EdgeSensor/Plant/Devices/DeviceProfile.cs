using Edge.Contracts.Assets;
using EdgeSensor.Plant.Identity;

namespace EdgeSensor.Plant.Devices;

/// <summary>
/// The rarely changing, string-valued part of a device: what it said about itself. Live parser state while the
/// sensor runs; <see cref="Restored"/> holds what a saved state file knew, until the device identifies itself again.
/// </summary>
public sealed class DeviceProfile
{
    public S7DeviceIdentity? S7 { get; set; }

    public ModbusDeviceIdentity? Modbus { get; set; }

    public DeviceIdentity? Restored { get; set; }
}
