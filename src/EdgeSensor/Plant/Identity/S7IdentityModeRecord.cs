using System.Buffers.Binary;

namespace EdgeSensor.Plant.Identity;

// SZL 0x0424 (current mode transition; also 0x0024, 0x0124, 0x0224) data record, 20 bytes (Siemens "System
// Software for S7-300/400, System and Standard Functions", SZL-ID W#16#xy24):
//   0   2  ereig    event id of the mode transition
//   2   1  ae       0xFF
//   3   1  bzu-id   bits 0-3 requested (new) mode, bits 4-7 previous mode:
//                   1 STOP (update), 2 STOP (memory reset), 3 STOP (self initialisation), 4 STOP (internal),
//                   5 STARTUP (complete restart), 6 STARTUP (cold restart), 7 STARTUP (restart), 8 RUN,
//                   9 RUN (redundant), 10 HOLD, 11 LINK-UP, 12 UPDATE, 13 DEFECTIVE, 0 unknown
//   4   4  reserved
//   8   4  anlinfo1..4  startup information
//  12   8  time stamp (BCD date and time of the transition)

/// <summary>One mode transition record (see the layout above); a view over the record bytes.</summary>
public readonly ref struct S7IdentityModeRecord
{
    /// <summary>Record length the layout needs.</summary>
    public const int Length = 20;

    private readonly ReadOnlySpan<byte> _record;

    private S7IdentityModeRecord(ReadOnlySpan<byte> record) => _record = record;

    public ushort EventId => BinaryPrimitives.ReadUInt16BigEndian(_record);

    /// <summary>bzu-id as on the wire.</summary>
    public byte RawModeId => _record[3];

    /// <summary>Requested (new) mode code, bits 0-3 of bzu-id.</summary>
    public byte RequestedMode => (byte)(_record[3] & 0x0F);

    /// <summary>Previous mode code, bits 4-7 of bzu-id.</summary>
    public byte PreviousMode => (byte)(_record[3] >> 4);

    /// <summary>The 8-byte BCD time stamp, raw.</summary>
    public ReadOnlySpan<byte> TimeStamp => _record.Slice(12, 8);

    /// <summary>Opens a record; false when fewer than <see cref="Length"/> bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, out S7IdentityModeRecord result)
    {
        if (record.Length < Length)
        {
            result = default;
            return false;
        }

        result = new S7IdentityModeRecord(record);
        return true;
    }

    /// <summary>The operating state a bzu-id mode code names.</summary>
    public static S7OperatingState ToOperatingState(byte mode) => mode switch
    {
        >= 1 and <= 4 => S7OperatingState.Stop,
        >= 5 and <= 7 => S7OperatingState.Startup,
        8 or 9 => S7OperatingState.Run,
        10 => S7OperatingState.Hold,
        11 => S7OperatingState.LinkUp,
        12 => S7OperatingState.Update,
        13 => S7OperatingState.Defect,
        _ => S7OperatingState.Unknown,
    };
}
