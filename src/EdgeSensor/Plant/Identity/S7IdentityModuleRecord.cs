using System.Buffers.Binary;

namespace EdgeSensor.Plant.Identity;

// SZL 0x0011 / 0x0111 (module identification) data record, 28 bytes (Siemens "System Software for S7-300/400,
// System and Standard Functions", SZL-ID W#16#xy11):
//   0   2  index    0x0001 module, 0x0006 basic hardware, 0x0007 basic firmware, 0x0081.. firmware extensions
//   2  20  MlfB     order number, ASCII, space padded (blank for the firmware record)
//  22   2  BGTyp    module type id
//  24   2  Ausbg    version of the module / of the operating system; for firmware: 'V' (0x56) | major
//  26   2  Ausbe    release of the PG description file; for firmware: minor | patch

/// <summary>One module identification record (see the layout above); a view over the record bytes.</summary>
public readonly ref struct S7IdentityModuleRecord
{
    /// <summary>Record length the layout needs.</summary>
    public const int Length = 28;

    /// <summary>Identification of the module.</summary>
    public const ushort IndexModule = 0x0001;

    /// <summary>Identification of the basic hardware.</summary>
    public const ushort IndexBasicHardware = 0x0006;

    /// <summary>Identification of the basic firmware.</summary>
    public const ushort IndexBasicFirmware = 0x0007;

    /// <summary>Width of the order number field.</summary>
    public const int OrderNumberLength = 20;

    private readonly ReadOnlySpan<byte> _record;

    private S7IdentityModuleRecord(ReadOnlySpan<byte> record) => _record = record;

    public ushort Index => BinaryPrimitives.ReadUInt16BigEndian(_record);

    /// <summary>MlfB, raw (space padded).</summary>
    public ReadOnlySpan<byte> OrderNumber => _record.Slice(2, OrderNumberLength);

    public ushort ModuleTypeId => BinaryPrimitives.ReadUInt16BigEndian(_record.Slice(22));

    public ushort Ausbg => BinaryPrimitives.ReadUInt16BigEndian(_record.Slice(24));

    public ushort Ausbe => BinaryPrimitives.ReadUInt16BigEndian(_record.Slice(26));

    /// <summary>Opens a record; false when fewer than <see cref="Length"/> bytes (longer records are read by their first 28).</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, out S7IdentityModuleRecord result)
    {
        if (record.Length < Length)
        {
            result = default;
            return false;
        }

        result = new S7IdentityModuleRecord(record);
        return true;
    }

    /// <summary>
    /// The version the record carries: "V3.2.6" when Ausbg starts with 'V' (0x56 | major, Ausbe = minor | patch,
    /// the firmware encoding), otherwise Ausbg in decimal (the module / hardware version, e.g. "3"). Allocates.
    /// </summary>
    public static string FormatVersion(ushort ausbg, ushort ausbe)
    {
        const byte VersionMarker = (byte)'V';
        return (ausbg >> 8) == VersionMarker
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"V{ausbg & 0xFF}.{ausbe >> 8}.{ausbe & 0xFF}")
            : ausbg.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
