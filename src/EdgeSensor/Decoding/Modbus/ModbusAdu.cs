namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// One decoded Modbus/TCP ADU: the MBAP header, the function code (raw byte beside the enum) and the fields of
/// the request or response layout. Optional fields are valid only when <see cref="Fields"/> has their flag
/// (use the <c>Has</c>/<c>TryGet</c> members); a malformed ADU keeps every field read before the violation.
/// </summary>
public readonly struct ModbusAdu
{
    // MBAP header (Implementation Guide 3.1.3)
    public ushort TransactionId { get; init; }
    public ushort ProtocolId { get; init; }

    /// <summary>MBAP length field: byte count of unit identifier + PDU.</summary>
    public ushort Length { get; init; }
    public byte UnitId { get; init; }

    public ModbusDirection Direction { get; init; }
    public ModbusFields Fields { get; init; }

    /// <summary>The function code byte on the wire, exception bit included.</summary>
    public byte RawFunctionCode { get; init; }

    /// <summary>The function code with the exception bit cleared, or <see cref="ModbusFunctionCode.Unknown"/>.</summary>
    public ModbusFunctionCode FunctionCode { get; init; }

    public byte ExceptionCode { get; init; }

    /// <summary>Starting address (FC1-6, 15, 16, 22), FIFO pointer address (FC24 request).</summary>
    public ushort ReferenceNumber { get; init; }

    /// <summary>Quantity of coils/inputs (FC1, 2, 15) or registers (FC3, 4, 16).</summary>
    public ushort Quantity { get; init; }

    /// <summary>Byte count (FC1-4, 12, 15-17, 20, 21, 23); 16-bit for the FC24 response.</summary>
    public ushort ByteCount { get; init; }

    public ushort ReadReferenceNumber { get; init; }
    public ushort ReadQuantity { get; init; }
    public ushort WriteReferenceNumber { get; init; }
    public ushort WriteQuantity { get; init; }

    /// <summary>FC5/FC6 output value; FC8 data word (when exactly one).</summary>
    public ushort Value { get; init; }

    public ushort AndMask { get; init; }
    public ushort OrMask { get; init; }

    /// <summary>FC8 diagnostics sub-function.</summary>
    public ushort SubFunction { get; init; }

    /// <summary>FC24 response FIFO count.</summary>
    public ushort FifoCount { get; init; }

    /// <summary>FC11/FC12 status word.</summary>
    public ushort Status { get; init; }

    /// <summary>FC11/FC12 event count.</summary>
    public ushort EventCount { get; init; }

    /// <summary>FC12 message count.</summary>
    public ushort MessageCount { get; init; }

    /// <summary>FC43 MEI type (13 CANopen, 14 Read Device Identification).</summary>
    public byte MeiType { get; init; }

    /// <summary>FC43/14 read device id code (1 basic, 2 regular, 3 extended, 4 specific).</summary>
    public byte ReadDeviceIdCode { get; init; }

    /// <summary>FC43/14 request object id.</summary>
    public byte ObjectId { get; init; }

    public byte ConformityLevel { get; init; }
    public byte MoreFollows { get; init; }
    public byte NextObjectId { get; init; }

    /// <summary>FC43/14 response number of objects (enumerate them with <see cref="ModbusDeviceIdObjectReader"/>).</summary>
    public byte NumberOfObjects { get; init; }

    /// <summary>The function code without the exception bit, as a number (also for unknown codes).</summary>
    public byte Code => (byte)(RawFunctionCode & ~ModbusLimits.ExceptionBit);

    public bool IsException => (RawFunctionCode & ModbusLimits.ExceptionBit) != 0;

    public bool Has(ModbusFields field) => (Fields & field) == field;

    public bool TryGetExceptionCode(out byte code) => TryGet(ModbusFields.ExceptionCode, ExceptionCode, out code);
    public bool TryGetReferenceNumber(out ushort value) => TryGet(ModbusFields.ReferenceNumber, ReferenceNumber, out value);
    public bool TryGetQuantity(out ushort value) => TryGet(ModbusFields.Quantity, Quantity, out value);
    public bool TryGetByteCount(out ushort value) => TryGet(ModbusFields.ByteCount, ByteCount, out value);
    public bool TryGetMeiType(out byte value) => TryGet(ModbusFields.MeiType, MeiType, out value);

    private bool TryGet<T>(ModbusFields field, T stored, out T value)
        where T : struct
    {
        bool has = (Fields & field) != 0;
        value = has ? stored : default;
        return has;
    }
}
