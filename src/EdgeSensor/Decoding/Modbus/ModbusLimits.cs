namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Limits from the Modbus Application Protocol Specification V1.1b3 (section numbers in comments)
/// and the Modbus Messaging on TCP/IP Implementation Guide V1.0b.
/// </summary>
public static class ModbusLimits
{
    /// <summary>Well-known TCP port (Implementation Guide 4.1).</summary>
    public const int TcpPort = 502;

    /// <summary>Largest PDU: function code + 252 data bytes (spec 4.1, RS485 ADU 256 - address - CRC).</summary>
    public const int MaxPduLength = 253;

    /// <summary>Largest MBAP length value: unit identifier + PDU.</summary>
    public const int MaxMbapLengthField = MaxPduLength + 1;

    /// <summary>Smallest MBAP length value: unit identifier + function code (Wireshark's mbtcp heuristic too).</summary>
    public const int MinMbapLengthField = 2;

    /// <summary>Bytes before the MBAP length field counts (transaction id, protocol id, length).</summary>
    public const int MbapLengthFieldOffset = 6;

    public const byte ExceptionBit = 0x80;

    /// <summary>FC1/FC2 quantity of coils/inputs: 1..2000 (6.1, 6.2).</summary>
    public const int MaxReadBits = 2000;

    /// <summary>FC3/FC4 quantity of registers: 1..125 (6.3, 6.4).</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>FC15 quantity of outputs: 1..1968 (6.11).</summary>
    public const int MaxWriteBits = 1968;

    /// <summary>FC16 quantity of registers: 1..123 (6.12).</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>FC23 quantity to read: 1..125 (6.17).</summary>
    public const int MaxReadWriteReadRegisters = 125;

    /// <summary>FC23 quantity to write: 1..121 (6.17).</summary>
    public const int MaxReadWriteWriteRegisters = 121;

    /// <summary>FC24 FIFO count: at most 31 registers (6.18).</summary>
    public const int MaxFifoCount = 31;

    /// <summary>FC5 output value ON (6.5); OFF is 0x0000.</summary>
    public const ushort CoilOn = 0xFF00;

    /// <summary>MEI type of Read Device Identification (6.21).</summary>
    public const byte MeiReadDeviceIdentification = 14;

    /// <summary>MEI type of CANopen General Reference (6.20).</summary>
    public const byte MeiCanOpenGeneralReference = 13;

    /// <summary>Read Device ID codes 1 basic, 2 regular, 3 extended, 4 one specific object (6.21).</summary>
    public const byte MaxReadDeviceIdCode = 4;
}
