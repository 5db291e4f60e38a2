namespace EdgeSensor.Decoding.S7Comm;

// One data item (read-var response, write-var request, cyclic-service response):
//   0   1  return code      0xff success, 0x00 reserved (in requests), 0x0a object does not exist, 0x05 address error, ...
//   1   1  transport size   0x03 BIT, 0x04 BYTE/WORD/DWORD, 0x05 INTEGER (length in bits); 0x07 REAL, 0x09 OCTET STRING (bytes)
//   2   2  length           bits or bytes, see transport size
//   4   n  value
//  [1 fill byte when n is odd and the item is not the last]
// A write-var response carries only the return code (1 byte per item).

/// <summary>One data item; <see cref="Value"/> is clipped to the bytes present.</summary>
public readonly ref struct S7DataItem
{
    /// <summary>Return code "success" (Wireshark S7COMM_ITEM_RETVAL_DATA_OK).</summary>
    public const byte ReturnCodeSuccess = 0xFF;

    /// <summary>Return code "reserved", used in requests (Wireshark S7COMM_ITEM_RETVAL_RESERVED).</summary>
    public const byte ReturnCodeReserved = 0x00;

    public S7DataItem(byte returnCode, byte transportSize, ushort length, ReadOnlySpan<byte> value)
    {
        ReturnCode = returnCode;
        TransportSize = transportSize;
        Length = length;
        Value = value;
    }

    /// <summary>Return code as on the wire.</summary>
    public byte ReturnCode { get; }

    /// <summary>Data transport size as on the wire (0 in return-code-only items).</summary>
    public byte TransportSize { get; }

    /// <summary>Length field as on the wire (bits or bytes, see <see cref="S7DataItemEnumerator.ValueByteCount"/>).</summary>
    public ushort Length { get; }

    /// <summary>The value bytes.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
