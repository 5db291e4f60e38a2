namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Modbus public function codes (Modbus Application Protocol Specification V1.1b3, section 5.1 and 6)
/// plus the vendor/legacy codes seen on OT networks. The value is the function code with the exception bit
/// (0x80) cleared. Any other code (user-defined 65-72 and 100-110, reserved, unknown) is <see cref="Unknown"/>;
/// <see cref="ModbusAdu.RawFunctionCode"/> always keeps the byte from the wire.
/// </summary>
public enum ModbusFunctionCode : byte
{
    /// <summary>Not a public or known vendor code; see the raw byte.</summary>
    Unknown = 0,

    ReadCoils = 1,
    ReadDiscreteInputs = 2,
    ReadHoldingRegisters = 3,
    ReadInputRegisters = 4,
    WriteSingleCoil = 5,
    WriteSingleRegister = 6,

    /// <summary>Serial line only in the specification, still seen over TCP.</summary>
    ReadExceptionStatus = 7,

    /// <summary>Serial line only in the specification; sub-function in the first two data bytes.</summary>
    Diagnostics = 8,

    /// <summary>Legacy Modicon 484 program (reserved, Annex A).</summary>
    Program484 = 9,

    /// <summary>Legacy Modicon 484 poll (reserved, Annex A).</summary>
    Poll484 = 10,

    GetCommEventCounter = 11,
    GetCommEventLog = 12,

    /// <summary>Legacy program controller (reserved, Annex A).</summary>
    ProgramController = 13,

    /// <summary>Legacy poll controller (reserved, Annex A).</summary>
    PollController = 14,

    WriteMultipleCoils = 15,
    WriteMultipleRegisters = 16,

    /// <summary>Report Server ID (formerly Report Slave ID).</summary>
    ReportServerId = 17,

    /// <summary>Legacy Modicon 884/u84 program (reserved).</summary>
    Program884 = 18,

    /// <summary>Legacy reset communication link (reserved).</summary>
    ResetCommLink = 19,

    ReadFileRecord = 20,
    WriteFileRecord = 21,
    MaskWriteRegister = 22,
    ReadWriteMultipleRegisters = 23,
    ReadFifoQueue = 24,

    /// <summary>Encapsulated Interface Transport; the MEI type follows (13 CANopen, 14 Read Device Identification).</summary>
    EncapsulatedInterfaceTransport = 43,

    /// <summary>Schneider Electric UMAS (Unity/EcoStruxure engineering), reserved code 90.</summary>
    SchneiderUmas = 90,

    /// <summary>Legacy Modicon programming (reserved code 125, e.g. firmware/program transfer).</summary>
    ModiconProgramming125 = 125,

    /// <summary>Legacy Modicon 584/984 programming (reserved code 126, Modsoft/ProWORX).</summary>
    ModiconProgramming126 = 126,
}
