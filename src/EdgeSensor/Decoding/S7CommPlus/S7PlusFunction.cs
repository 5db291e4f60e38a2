namespace EdgeSensor.Decoding.S7CommPlus;

/// <summary>
/// S7comm-plus function code (2 bytes after opcode and a reserved word), names from the plugin's
/// data_functioncode_names. The raw value is kept in <see cref="S7PlusHeader.Function"/>.
/// </summary>
public enum S7PlusFunction : ushort
{
    /// <summary>Anything not listed.</summary>
    Unknown = 0x0000,

    Error = 0x04B1,
    Explore = 0x04BB,
    CreateObject = 0x04CA,
    DeleteObject = 0x04D4,
    SetVariable = 0x04F2,
    GetVariable = 0x04FC,
    AddLink = 0x0506,
    RemoveLink = 0x051A,
    GetLink = 0x0524,
    SetMultiVariables = 0x0542,
    GetMultiVariables = 0x054C,
    BeginSequence = 0x0556,
    EndSequence = 0x0560,
    Invoke = 0x056B,
    SetVarSubStreamed = 0x057C,
    GetVarSubStreamed = 0x0586,
    GetVariablesAddress = 0x0590,
    Abort = 0x059A,
}
