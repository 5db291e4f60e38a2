namespace EdgeSensor.Plant.Identity;

/// <summary>
/// What an S7 CPU has said about itself on the wire (updated by <see cref="S7IdentityParser"/>): order number and
/// versions from SZL 0x0011, names and serial numbers from SZL 0x001C, the operating state from SZL 0x0424 and
/// mode-transition pushes, and the last stop / start command sent to it. Strings are sanitised
/// (<see cref="IdentityText"/>) but not escaped; null means "not seen". Updated rarely, read by the plant model.
/// Not thread-safe: the capture thread owns it. Holds pooled buffers for split answers: <see cref="Dispose"/> it
/// when the device is evicted.
/// </summary>
public sealed class S7DeviceIdentity : IDisposable
{
    // Split SZL answers of this device, joined before parsing.
    internal SzlAnswerAssembler Assembler;

    /// <summary>Order number (MlfB) of the module, SZL 0x0011 index 1 (e.g. "6ES7 315-2EH14-0AB0").</summary>
    public string? OrderNumber { get; internal set; }

    /// <summary>Module type id (BGTyp) of SZL 0x0011 index 1.</summary>
    public ushort ModuleTypeId { get; internal set; }

    /// <summary>Hardware version: SZL 0x0011 index 6 (index 1 when 6 is absent), e.g. "3".</summary>
    public string? HardwareVersion { get; internal set; }

    /// <summary>Ausbg and Ausbe of the hardware record, as on the wire (tshark shows them in decimal).</summary>
    public (ushort Ausbg, ushort Ausbe) RawHardwareVersion { get; internal set; }

    /// <summary>Firmware version: SZL 0x0011 index 7, "V" major.minor.patch (e.g. "V3.2.6").</summary>
    public string? FirmwareVersion { get; internal set; }

    /// <summary>Ausbg and Ausbe of the firmware record, as on the wire (e.g. 22019 = 'V' 3, 518 = 2.6).</summary>
    public (ushort Ausbg, ushort Ausbe) RawFirmwareVersion { get; internal set; }

    /// <summary>Name of the automation system (PLC name), SZL 0x001C index 1.</summary>
    public string? PlcName { get; internal set; }

    /// <summary>Name of the module, SZL 0x001C index 2.</summary>
    public string? ModuleName { get; internal set; }

    /// <summary>Plant designation of the module, SZL 0x001C index 3.</summary>
    public string? PlantId { get; internal set; }

    /// <summary>Copyright entry, SZL 0x001C index 4 ("Original Siemens Equipment").</summary>
    public string? Copyright { get; internal set; }

    /// <summary>Serial number of the module, SZL 0x001C index 5.</summary>
    public string? SerialNumber { get; internal set; }

    /// <summary>Module type name, SZL 0x001C index 7 (e.g. "CPU 315-2 PN/DP").</summary>
    public string? ModuleTypeName { get; internal set; }

    /// <summary>Serial number of the memory card, SZL 0x001C index 8.</summary>
    public string? MemoryCardSerialNumber { get; internal set; }

    /// <summary>Manufacturer id, SZL 0x001C index 9 (0x002A Siemens); 0 when not seen.</summary>
    public ushort ManufacturerId { get; internal set; }

    /// <summary>OEM copyright string, SZL 0x001C index 10.</summary>
    public string? OemId { get; internal set; }

    /// <summary>Location designation, SZL 0x001C index 11.</summary>
    public string? LocationId { get; internal set; }

    /// <summary>Operating state (see <see cref="OperatingStateSource"/> for where it was read).</summary>
    public S7OperatingState OperatingState { get; internal set; }

    /// <summary>The code the state was read from (bzu-id requested mode, or the push's current-mode subfunction).</summary>
    public byte RawOperatingState { get; internal set; }

    public S7OperatingStateSource OperatingStateSource { get; internal set; }

    /// <summary>Capture time (µs) at which <see cref="OperatingState"/> was first seen with its current value.</summary>
    public long OperatingStateSinceMicros { get; internal set; }

    /// <summary>Capture time (µs) at which <see cref="OperatingState"/> was last confirmed.</summary>
    public long OperatingStateSeenMicros { get; internal set; }

    /// <summary>The last stop / start command sent to the CPU.</summary>
    public S7PlcCommand LastCommand { get; internal set; }

    /// <summary>Capture time (µs) of <see cref="LastCommand"/>'s Job.</summary>
    public long LastCommandMicros { get; internal set; }

    /// <summary>True once the CPU answered <see cref="LastCommand"/> with an Ack_Data without error.</summary>
    public bool LastCommandAcknowledged { get; internal set; }

    /// <summary>Capture time (µs) of the last change to any identification field (order number .. location).</summary>
    public long IdentityChangedMicros { get; internal set; }

    /// <summary>Incremented on every change of any property: compare to notice changes without comparing strings.</summary>
    public int Version { get; internal set; }

    /// <summary>Answers still being joined (split SZL answers of this device).</summary>
    public int PendingAnswers => Assembler.PendingCount;

    /// <summary>Returns the pooled buffers of answers still being joined.</summary>
    public void Dispose() => Assembler.Dispose();
}
