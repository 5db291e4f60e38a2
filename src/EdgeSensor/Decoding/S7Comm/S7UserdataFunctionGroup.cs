namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// Low nibble of the userdata type/function-group byte (Wireshark S7COMM_UD_FUNCGROUP_*, userdata_functiongroup_names).
/// The raw nibble is kept in <see cref="S7Pdu.FunctionGroup"/>.
/// </summary>
public enum S7UserdataFunctionGroup : byte
{
    /// <summary>0x0: mode transition (push); the subfunction byte is the current mode.</summary>
    ModeTransition = 0x0,

    /// <summary>0x1: programmer commands (variable tables, force, diagnostics).</summary>
    ProgrammerCommands = 0x1,

    /// <summary>0x2: cyclic services (subscriptions of items, change driven transfer).</summary>
    CyclicServices = 0x2,

    /// <summary>0x3: block functions (list blocks, list blocks of type, get block info).</summary>
    BlockFunctions = 0x3,

    /// <summary>0x4: CPU functions (subfunction 1 = read SZL, alarms, diagnostic messages).</summary>
    CpuFunctions = 0x4,

    /// <summary>0x5: security (subfunction 1 = PLC password).</summary>
    Security = 0x5,

    /// <summary>0x6: programmed block communication (BSEND/BRCV).</summary>
    ProgrammedBlockCommunication = 0x6,

    /// <summary>0x7: time functions (1 read clock, 2 set clock, 3 read clock following, 4 set clock 2).</summary>
    TimeFunctions = 0x7,

    /// <summary>0xF: NC programming (Sinumerik).</summary>
    NcProgramming = 0xF,
}
