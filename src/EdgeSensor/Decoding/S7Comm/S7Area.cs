namespace EdgeSensor.Decoding.S7Comm;

/// <summary>Memory area of an S7ANY item (Wireshark S7COMM_AREA_*, item_areanames); raw byte kept in <see cref="S7RequestItem.Area"/>.</summary>
public enum S7Area : byte
{
    /// <summary>Anything not listed.</summary>
    Unknown = 0x00,

    /// <summary>0x03: system info of 200 family.</summary>
    SystemInfo200 = 0x03,

    /// <summary>0x05: system flags of 200 family.</summary>
    SystemFlags200 = 0x05,

    /// <summary>0x06: analog inputs of 200 family.</summary>
    AnalogInputs200 = 0x06,

    /// <summary>0x07: analog outputs of 200 family.</summary>
    AnalogOutputs200 = 0x07,

    /// <summary>0x1C: S7 counters.</summary>
    Counter = 0x1C,

    /// <summary>0x1D: S7 timers.</summary>
    Timer = 0x1D,

    /// <summary>0x1E: IEC counters (200 family).</summary>
    IecCounter200 = 0x1E,

    /// <summary>0x1F: IEC timers (200 family).</summary>
    IecTimer200 = 0x1F,

    /// <summary>0x80: direct peripheral access.</summary>
    Peripheral = 0x80,

    /// <summary>0x81: inputs.</summary>
    Inputs = 0x81,

    /// <summary>0x82: outputs.</summary>
    Outputs = 0x82,

    /// <summary>0x83: flags (merker).</summary>
    Flags = 0x83,

    /// <summary>0x84: data blocks.</summary>
    DataBlocks = 0x84,

    /// <summary>0x85: instance data blocks.</summary>
    InstanceDataBlocks = 0x85,

    /// <summary>0x86: local data.</summary>
    LocalData = 0x86,

    /// <summary>0x87: previous local data.</summary>
    PreviousLocalData = 0x87,
}
