using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Enumerates the objects of a Read Device Identification response (FC43, MEI 14; spec 6.21) without allocating:
/// <code>
///   MBAP 7 | function code 1 (0x2B) | MEI type 1 (0x0E) | read device id code 1 | conformity level 1
///   | more follows 1 | next object id 1 | number of objects 1
///   | objects: object id 1 | object length 1 | object value (length bytes; ASCII for ids 0..6)
/// </code>
/// Object ids: 0 VendorName, 1 ProductCode, 2 MajorMinorRevision, 3 VendorUrl, 4 ProductName, 5 ModelName,
/// 6 UserApplicationName, 0x80..0xFF private. Reading stops after the declared number of objects or at the
/// first object that does not fit (then <see cref="IsTruncated"/> is set).
/// </summary>
public ref struct ModbusDeviceIdObjectReader
{
    public const byte VendorNameId = 0;
    public const byte ProductCodeId = 1;
    public const byte MajorMinorRevisionId = 2;
    public const byte VendorUrlId = 3;
    public const byte ProductNameId = 4;
    public const byte ModelNameId = 5;
    public const byte UserApplicationNameId = 6;

    // Data after the function code: MEI type and the five header bytes before the first object.
    private const int HeaderLength = 6;

    private readonly ReadOnlySpan<byte> _objects;
    private int _position;

    private ModbusDeviceIdObjectReader(ReadOnlySpan<byte> header, ReadOnlySpan<byte> objects)
    {
        ReadDeviceIdCode = header[1];
        ConformityLevel = header[2];
        MoreFollows = header[3];
        NextObjectId = header[4];
        NumberOfObjects = header[5];
        _objects = objects;
        _position = 0;
        ObjectsRead = 0;
        IsTruncated = false;
    }

    public byte ReadDeviceIdCode { get; }
    public byte ConformityLevel { get; }

    /// <summary>0xFF when the server needs another transaction to send the remaining objects.</summary>
    public byte MoreFollows { get; }
    public byte NextObjectId { get; }
    public byte NumberOfObjects { get; }

    public int ObjectsRead { get; private set; }

    /// <summary>The list ended before <see cref="NumberOfObjects"/> complete objects.</summary>
    public bool IsTruncated { get; private set; }

    /// <summary>
    /// Opens the object list of a 43/14 response ADU (MBAP + PDU). False when the ADU is not a non-exception
    /// FC43 with MEI type 14 whose six header bytes are present.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> adu, out ModbusDeviceIdObjectReader reader)
    {
        reader = default;
        if (adu.Length < ModbusFraming.MinimumHeadLength)
        {
            return false;
        }

        int declared = BinaryPrimitives.ReadUInt16BigEndian(adu.Slice(4, 2)) + ModbusLimits.MbapLengthFieldOffset;
        ReadOnlySpan<byte> pdu = adu.Slice(ModbusFraming.MbapLength, Math.Min(adu.Length, declared) - ModbusFraming.MbapLength);
        if (pdu.Length < 1 + HeaderLength
            || pdu[0] != (byte)ModbusFunctionCode.EncapsulatedInterfaceTransport
            || pdu[1] != ModbusLimits.MeiReadDeviceIdentification)
        {
            return false;
        }

        ReadOnlySpan<byte> data = pdu.Slice(1);
        reader = new ModbusDeviceIdObjectReader(data.Slice(0, HeaderLength), data.Slice(HeaderLength));
        return true;
    }

    /// <summary>Reads the next object; false when all declared objects were read or the next one does not fit.</summary>
    public bool TryReadNext(out byte objectId, out ReadOnlySpan<byte> value)
    {
        objectId = 0;
        value = default;
        if (ObjectsRead >= NumberOfObjects || IsTruncated)
        {
            return false;
        }

        // Two header bytes (id, length) must fit, then the value; _position never exceeds _objects.Length.
        int remaining = _objects.Length - _position;
        if (remaining < 2 || _objects[_position + 1] > remaining - 2)
        {
            IsTruncated = true;
            return false;
        }

        objectId = _objects[_position];
        int length = _objects[_position + 1];
        value = _objects.Slice(_position + 2, length);
        _position += 2 + length;
        ObjectsRead++;
        return true;
    }
}
