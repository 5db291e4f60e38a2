namespace EdgeSensor.Decoding.Modbus;

/// <summary>Which optional fields of a <see cref="ModbusAdu"/> were present on the wire (TryGet-style, no sentinels).</summary>
[Flags]
public enum ModbusFields : uint
{
    None = 0,
    FunctionCode = 1u << 0,
    ExceptionCode = 1u << 1,
    ReferenceNumber = 1u << 2,
    Quantity = 1u << 3,
    ByteCount = 1u << 4,
    ReadReferenceNumber = 1u << 5,
    ReadQuantity = 1u << 6,
    WriteReferenceNumber = 1u << 7,
    WriteQuantity = 1u << 8,
    Value = 1u << 9,
    AndMask = 1u << 10,
    OrMask = 1u << 11,
    SubFunction = 1u << 12,
    FifoCount = 1u << 13,
    MeiType = 1u << 14,
    ReadDeviceIdCode = 1u << 15,
    ObjectId = 1u << 16,
    ConformityLevel = 1u << 17,
    MoreFollows = 1u << 18,
    NextObjectId = 1u << 19,
    NumberOfObjects = 1u << 20,
    Status = 1u << 21,
    EventCount = 1u << 22,
    MessageCount = 1u << 23,
}
