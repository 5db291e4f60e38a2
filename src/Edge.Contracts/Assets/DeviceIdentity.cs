namespace Edge.Contracts.Assets;

/// <summary>
/// What the device says about itself: S7 SZL answers (0x0011 module identification, 0x001C component
/// identification, 0x0424 operating state) and Modbus read device identification (FC 43/14). Null fields were not seen.
/// </summary>
public sealed record DeviceIdentity
{
    public string? Vendor { get; init; }

    /// <summary>Order number (MLFB), e.g. "6ES7 315-2EH14-0AB0", or the Modbus product code.</summary>
    public string? OrderNumber { get; init; }

    public string? ProductName { get; init; }

    public string? ModuleType { get; init; }

    public string? HardwareVersion { get; init; }

    public string? FirmwareVersion { get; init; }

    public string? PlcName { get; init; }

    public string? ModuleName { get; init; }

    public string? PlantId { get; init; }

    public string? Copyright { get; init; }

    public string? SerialNumber { get; init; }

    /// <summary>PLC operating state ("RUN", "STOP", ...) and when it was last learned.</summary>
    public string? OperatingState { get; init; }

    public DateTimeOffset? OperatingStateSince { get; init; }

    /// <summary>Where the identity came from: "s7-szl", "modbus-fc43".</summary>
    public required IReadOnlyList<string> Sources { get; init; }
}
