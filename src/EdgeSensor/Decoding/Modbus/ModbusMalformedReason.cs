namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Why an ADU broke the rules of the Modbus Application Protocol Specification V1.1b3 or the Modbus Messaging on
/// TCP/IP Implementation Guide V1.0b. A malformed ADU still comes with every field decoded before (and, for range
/// violations, after) the violation: these feed anomaly counters and detections, never exceptions.
/// When several rules are broken the first one found is reported (header, then fields in wire order).
/// </summary>
public enum ModbusMalformedReason : byte
{
    None = 0,

    /// <summary>MBAP length below 2 (unit identifier + function code), or fewer than 8 bytes given.</summary>
    LengthTooShort = 1,

    /// <summary>MBAP length above 254 (253-byte PDU + unit identifier; Implementation Guide 3.1.3 / spec 4.1).</summary>
    LengthTooLong = 2,

    /// <summary>The bytes given are not exactly MBAP length + 6 long.</summary>
    LengthMismatch = 3,

    /// <summary>The PDU ends before the fixed fields of its function (or the exception code) are complete.</summary>
    TruncatedPdu = 4,

    /// <summary>A byte count disagrees with the quantity it describes or with the bytes that follow it.</summary>
    ByteCountMismatch = 5,

    /// <summary>A quantity is outside the specification's range (1..2000 coils read, 1..125 registers read,
    /// 1..1968 coils written, 1..123 registers written, 1..121 written by FC23, FIFO count above 31).</summary>
    QuantityOutOfRange = 6,

    /// <summary>Write Single Coil value other than 0x0000 or 0xFF00.</summary>
    InvalidCoilValue = 7,

    /// <summary>An exception response whose exception code is 0.</summary>
    InvalidExceptionCode = 8,

    /// <summary>Bytes left over after a function's complete layout.</summary>
    TrailingBytes = 9,

    /// <summary>Read Device Identification code outside 1..4.</summary>
    InvalidReadDeviceIdCode = 10,

    /// <summary>A 43/14 object list runs past the end of the PDU.</summary>
    ObjectListOverrun = 11,

    /// <summary>Catch-all for a violation that has no more precise member.</summary>
    Unknown = 255,
}
