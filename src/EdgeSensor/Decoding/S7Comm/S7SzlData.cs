using System.Buffers.Binary;

namespace EdgeSensor.Decoding.S7Comm;

// SZL (System-Zustandsliste, system status list) read response, the userdata payload of
// function group 4 (CPU functions), subfunction 1 (read SZL), after the 4-byte data header:
//   0   2  SZL id              e.g. 0x0011 module identification, 0x001c component identification, 0x0424 mode
//   2   2  SZL index
//   4   2  record length       bytes per record ("partial list length in bytes")
//   6   2  record count        ("partial list count")
//   8   n  records             record count x record length (fewer when this PDU is the first of several fragments)
// The request payload is only SZL id (2) and SZL index (2).

/// <summary>The head of an SZL read response and an enumerator of its data records (see <see cref="GetRecords"/>).</summary>
public readonly ref struct S7SzlData
{
    /// <summary>SZL id + index + record length + record count.</summary>
    public const int HeaderLength = 8;

    // SZL ids the next stage parses (asset identification); Siemens "System Software for S7-300/400, System and
    // Standard Functions", chapter "System Status Lists".

    /// <summary>0x0011: all identification data records of a module (order number, hardware, firmware).</summary>
    public const ushort ModuleIdentification = 0x0011;

    /// <summary>0x001C: identification of all components (PLC name, module name, serial number, copyright).</summary>
    public const ushort ComponentIdentification = 0x001C;

    private readonly ReadOnlySpan<byte> _records;

    private S7SzlData(ushort id, ushort index, ushort recordLength, ushort recordCount, ReadOnlySpan<byte> records)
    {
        SzlId = id;
        SzlIndex = index;
        RecordLength = recordLength;
        RecordCount = recordCount;
        _records = records;
    }

    /// <summary>SZL id.</summary>
    public ushort SzlId { get; }

    /// <summary>SZL index.</summary>
    public ushort SzlIndex { get; }

    /// <summary>Bytes per record.</summary>
    public ushort RecordLength { get; }

    /// <summary>Records announced.</summary>
    public ushort RecordCount { get; }

    /// <summary>The record bytes present in this PDU.</summary>
    public ReadOnlySpan<byte> RecordBytes => _records;

    /// <summary>True when all announced records are present.</summary>
    public bool IsComplete => (long)RecordLength * RecordCount <= _records.Length;

    /// <summary>Reads the SZL response head from a userdata payload; false when fewer than 8 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out S7SzlData szl)
    {
        if (payload.Length < HeaderLength)
        {
            szl = default;
            return false;
        }

        szl = new S7SzlData(
            BinaryPrimitives.ReadUInt16BigEndian(payload),
            BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(2)),
            BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(4)),
            BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(6)),
            payload.Slice(HeaderLength));
        return true;
    }

    /// <summary>The complete records present, each <see cref="RecordLength"/> bytes, at most <see cref="RecordCount"/>.</summary>
    public S7SzlRecordEnumerator GetRecords() => new(_records, RecordLength, RecordCount);
}
