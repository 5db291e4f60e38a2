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

    /// <summary>At most <see cref="MaxNames"/> SNI names this device asked for and RDP cookie user names it sent.</summary>
    public const int MaxNames = 16;

    public HashSet<string> ServerNames { get; } = new(StringComparer.Ordinal);

    public HashSet<string> RdpUserNames { get; } = new(StringComparer.Ordinal);

    /// <summary>RDP security protocols requested (RDP_NEG_REQ flags, OR-ed) and whether Restricted Admin was asked for.</summary>
    public uint RdpRequestedProtocols { get; set; }

    public bool RdpStandardSecurityRequested { get; set; }

    public bool RdpRestrictedAdmin { get; set; }

    /// <summary>Leaf certificates this device served, by fingerprint (at most 8).</summary>
    public List<EdgeSensor.Decoding.Tls.TlsCertificateFacts> Certificates { get; } = [];
}
