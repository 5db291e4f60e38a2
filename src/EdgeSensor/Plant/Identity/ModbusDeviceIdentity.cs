namespace EdgeSensor.Plant.Identity;

/// <summary>
/// What a Modbus server has said about itself in Read Device Identification answers (FC43 / MEI 14), updated by
/// <see cref="ModbusIdentityParser"/>. Strings are sanitised (<see cref="IdentityText"/>) but not escaped; null
/// means "not seen". Not thread-safe: the capture thread owns it.
/// </summary>
public sealed class ModbusDeviceIdentity
{
    /// <summary>Object 0 (basic).</summary>
    public string? VendorName { get; internal set; }

    /// <summary>Object 1 (basic).</summary>
    public string? ProductCode { get; internal set; }

    /// <summary>Object 2 (basic).</summary>
    public string? MajorMinorRevision { get; internal set; }

    /// <summary>Object 3 (regular).</summary>
    public string? VendorUrl { get; internal set; }

    /// <summary>Object 4 (regular).</summary>
    public string? ProductName { get; internal set; }

    /// <summary>Object 5 (regular).</summary>
    public string? ModelName { get; internal set; }

    /// <summary>Object 6 (regular).</summary>
    public string? UserApplicationName { get; internal set; }

    /// <summary>Conformity level of the last answer (0x01..0x03, 0x81..0x83; other values as sent).</summary>
    public byte ConformityLevel { get; internal set; }

    /// <summary>Read Device Identification answers seen (with or without objects).</summary>
    public int AnswerCount { get; internal set; }

    /// <summary>Capture time (µs) of the last answer.</summary>
    public long LastAnswerMicros { get; internal set; }

    /// <summary>Capture time (µs) of the last change to an object value.</summary>
    public long ChangedMicros { get; internal set; }

    /// <summary>Incremented on every change of an object value or the conformity level.</summary>
    public int Version { get; internal set; }
}
