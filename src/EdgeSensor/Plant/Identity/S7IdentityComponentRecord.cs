using System.Buffers.Binary;

namespace EdgeSensor.Plant.Identity;

// SZL 0x001C / 0x011C (component identification) data record, 34 bytes (Siemens "System Software for S7-300/400,
// System and Standard Functions", SZL-ID W#16#xy1C): index (2) | 32 bytes whose use depends on the index:
//   1  name of the automation system (PLC name)   text 24, reserved 8
//   2  name of the module                         text 24, reserved 8
//   3  plant designation (tag) of the module      text 32
//   4  copyright entry                            text 26, reserved 6
//   5  serial number of the module                text 24, reserved 8
//   7  module type name                           text 32
//   8  serial number of the memory card           text 32
//   9  manufacturer id (2) | profile id (2) | profile specific type (2) | reserved 26
//  10  OEM copyright string 26 | OEM id (2) | OEM additional id (4)
//  11  location designation                       text 32
// Text fields are ASCII, padded with NULs or spaces; the widths are those Wireshark's s7comm dissector shows.

/// <summary>One component identification record (see the layout above); a view over the record bytes.</summary>
public readonly ref struct S7IdentityComponentRecord
{
    /// <summary>Record length the layout needs.</summary>
    public const int Length = 34;

    public const ushort IndexPlcName = 1;
    public const ushort IndexModuleName = 2;
    public const ushort IndexPlantId = 3;
    public const ushort IndexCopyright = 4;
    public const ushort IndexSerialNumber = 5;
    public const ushort IndexModuleTypeName = 7;
    public const ushort IndexMemoryCardSerialNumber = 8;
    public const ushort IndexManufacturer = 9;
    public const ushort IndexOem = 10;
    public const ushort IndexLocation = 11;

    private const int FieldLength = 32;

    private readonly ReadOnlySpan<byte> _record;

    private S7IdentityComponentRecord(ReadOnlySpan<byte> record) => _record = record;

    public ushort Index => BinaryPrimitives.ReadUInt16BigEndian(_record);

    /// <summary>The 32 bytes after the index.</summary>
    public ReadOnlySpan<byte> Field => _record.Slice(2, FieldLength);

    /// <summary>The text of a text record (width by index, see the layout); empty for indexes 9 and unknown ones.</summary>
    public ReadOnlySpan<byte> Text => Index switch
    {
        IndexPlcName or IndexModuleName or IndexSerialNumber => Field.Slice(0, 24),
        IndexCopyright or IndexOem => Field.Slice(0, 26),
        IndexPlantId or IndexModuleTypeName or IndexMemoryCardSerialNumber or IndexLocation => Field,
        _ => default,
    };

    /// <summary>Index 9: manufacturer id (0x002A is Siemens).</summary>
    public ushort ManufacturerId => BinaryPrimitives.ReadUInt16BigEndian(Field);

    /// <summary>Index 9: profile id.</summary>
    public ushort ProfileId => BinaryPrimitives.ReadUInt16BigEndian(Field.Slice(2));

    /// <summary>Index 9: profile specific type.</summary>
    public ushort ProfileSpecificType => BinaryPrimitives.ReadUInt16BigEndian(Field.Slice(4));

    /// <summary>Opens a record; false when fewer than <see cref="Length"/> bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, out S7IdentityComponentRecord result)
    {
        if (record.Length < Length)
        {
            result = default;
            return false;
        }

        result = new S7IdentityComponentRecord(record);
        return true;
    }
}
