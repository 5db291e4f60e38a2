namespace EdgeSensor.Plant;

/// <summary>What about an ICS request the plant model reports to detection.</summary>
public enum IcsEventKind : byte
{
    /// <summary>A function code (Modbus FC, S7 job function, S7 userdata group/subfunction, S7comm-plus function).</summary>
    Function,
    UnitId,
    DataBlock,
    Szl,

    /// <summary>A Modbus read or write outside the address range learned for the relation.</summary>
    ReadRange,
    WriteRange,
}
