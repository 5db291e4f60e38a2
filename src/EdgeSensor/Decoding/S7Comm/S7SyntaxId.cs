namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// Syntax id of a variable specification (byte 2 of a request item), Wireshark S7COMM_SYNTAXID_* / item_syntaxid_names.
/// The raw byte is kept in <see cref="S7RequestItem.RawSyntaxId"/>.
/// </summary>
public enum S7SyntaxId : byte
{
    /// <summary>Anything not listed.</summary>
    Unknown = 0x00,

    /// <summary>0x10: S7ANY pointer (transport size, length, DB, area, 24-bit bit address).</summary>
    S7Any = 0x10,

    /// <summary>0x13: programmed block communication id.</summary>
    PbcId = 0x13,

    /// <summary>0x15: alarm lock/free.</summary>
    AlarmLockFree = 0x15,

    /// <summary>0x16: alarm indication.</summary>
    AlarmIndication = 0x16,

    /// <summary>0x19: alarm acknowledge.</summary>
    AlarmAcknowledge = 0x19,

    /// <summary>0x1A: alarm query request.</summary>
    AlarmQueryRequest = 0x1A,

    /// <summary>0x1C: notify indication.</summary>
    NotifyIndication = 0x1C,

    /// <summary>0x82: Sinumerik NCK address.</summary>
    Nck = 0x82,

    /// <summary>0x83: Sinumerik NCK metric.</summary>
    NckMetric = 0x83,

    /// <summary>0x84: Sinumerik NCK inch.</summary>
    NckInch = 0x84,

    /// <summary>0xA2: Sinamics drive (DRIVEESANY).</summary>
    DriveEsAny = 0xA2,

    /// <summary>0xB0: DBREAD, several (length, DB, start) sub-areas in one item (S7-400 WinCC).</summary>
    DbRead = 0xB0,

    /// <summary>0xB2: S7-1200 symbolic addressing (TIA "1200SYM"; LID path).</summary>
    S7_1200Symbolic = 0xB2,
}
