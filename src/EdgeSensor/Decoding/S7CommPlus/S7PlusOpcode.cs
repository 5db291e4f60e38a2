namespace EdgeSensor.Decoding.S7CommPlus;

/// <summary>
/// First byte of the S7comm-plus data part (s7comm_plus Wireshark plugin, opcode_names; moki-ics/s7commwireshark).
/// The raw byte is kept in <see cref="S7PlusHeader.Opcode"/>.
/// </summary>
public enum S7PlusOpcode : byte
{
    /// <summary>Anything not listed.</summary>
    Unknown = 0x00,

    /// <summary>0x02: response (second form, used by some firmware).</summary>
    Response2 = 0x02,

    /// <summary>0x31: request.</summary>
    Request = 0x31,

    /// <summary>0x32: response.</summary>
    Response = 0x32,

    /// <summary>0x33: notification (subscription data pushed by the PLC).</summary>
    Notification = 0x33,
}
