namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// What the transaction table remembers of an unanswered request: the pairing key (transaction id, unit id,
/// function code), the frame it came in, and the addressing fields a response needs for interpretation
/// (a read response carries values but not their addresses).
/// </summary>
public readonly record struct ModbusPendingRequest(
    ushort TransactionId,
    byte UnitId,
    byte FunctionCode,
    long FrameNumber,
    ushort ReferenceNumber,
    ushort Quantity,
    ModbusFields Fields)
{
    /// <summary>Insertion order inside the table; 0 marks a free slot.</summary>
    internal long Sequence { get; init; }
}
