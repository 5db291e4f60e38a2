using System.Buffers.Binary;

namespace EdgeSensor.Decoding.S7Comm;

// One variable specification (request item), as in read/write var Job parameters and cyclic-service requests:
//   0   1  variable specification type   0x12
//   1   1  length of what follows (L)
//   2   1  syntax id                      0x10 S7ANY, 0xb0 DBREAD, 0xb2 1200SYM, ...
//   3 L-1  syntax-specific address
// S7ANY (L = 10):
//   3   1  transport size (1 BIT, 2 BYTE, 4 WORD, ...)
//   4   2  length (count of transport-size units)
//   6   2  DB number (0 outside data blocks)
//   8   1  area (0x81 I, 0x82 Q, 0x83 M, 0x84 DB, 0x1c C, 0x1d T, ...)
//   9   3  address: byte offset << 3 | bit
// DBREAD: 3 number of sub-areas (1), then per sub-area: bytes to read (1), DB number (2), start address (2).

/// <summary>One request item; <see cref="Spec"/> is the whole item, the S7ANY fields are valid when <see cref="IsS7Any"/>.</summary>
public readonly ref struct S7RequestItem
{
    /// <summary>Variable specification type byte expected at item offset 0 (Wireshark hf_s7comm_item_varspec).</summary>
    public const byte VariableSpecification = 0x12;

    /// <summary>Size of a complete S7ANY item (2-byte head + 10).</summary>
    public const int S7AnyLength = 12;

    /// <summary>Size of one DBREAD sub-area (bytes to read, DB number, start address).</summary>
    public const int DbReadSubAreaLength = 5;

    public S7RequestItem(ReadOnlySpan<byte> spec)
    {
        Spec = spec;
    }

    /// <summary>The whole item: head (2 bytes) and address specification.</summary>
    public ReadOnlySpan<byte> Spec { get; }

    /// <summary>Byte 0, normally 0x12.</summary>
    public byte SpecificationType => Spec.Length > 0 ? Spec[0] : (byte)0;

    /// <summary>Syntax id byte as on the wire (0 if absent).</summary>
    public byte RawSyntaxId => Spec.Length > 2 ? Spec[2] : (byte)0;

    /// <summary>Syntax id, or <see cref="S7SyntaxId.Unknown"/>.</summary>
    public S7SyntaxId SyntaxId => RawSyntaxId switch
    {
        0x10 or 0x13 or 0x15 or 0x16 or 0x19 or 0x1A or 0x1C or 0x82 or 0x83 or 0x84 or 0xA2 or 0xB0 or 0xB2 => (S7SyntaxId)RawSyntaxId,
        _ => S7SyntaxId.Unknown,
    };

    /// <summary>True when this is a complete S7ANY item, so the fields below are meaningful.</summary>
    public bool IsS7Any => RawSyntaxId == (byte)S7SyntaxId.S7Any && Spec.Length >= S7AnyLength;

    /// <summary>S7ANY transport size (1 BIT, 2 BYTE, 3 CHAR, 4 WORD, 5 INT, 6 DWORD, 7 DINT, 8 REAL, 0x1c COUNTER, 0x1d TIMER, ...).</summary>
    public byte TransportSize => IsS7Any ? Spec[3] : (byte)0;

    /// <summary>S7ANY length (number of transport-size units).</summary>
    public ushort Length => IsS7Any ? BinaryPrimitives.ReadUInt16BigEndian(Spec.Slice(4)) : (ushort)0;

    /// <summary>S7ANY DB number.</summary>
    public ushort DbNumber => IsS7Any ? BinaryPrimitives.ReadUInt16BigEndian(Spec.Slice(6)) : (ushort)0;

    /// <summary>S7ANY area byte as on the wire (see <see cref="S7Area"/>).</summary>
    public byte Area => IsS7Any ? Spec[8] : (byte)0;

    /// <summary>S7ANY 24-bit bit address: byte offset &lt;&lt; 3 | bit number.</summary>
    public uint Address => IsS7Any ? (uint)((Spec[9] << 16) | (Spec[10] << 8) | Spec[11]) : 0u;

    /// <summary>S7ANY byte offset (<see cref="Address"/> &gt;&gt; 3).</summary>
    public uint ByteOffset => Address >> 3;

    /// <summary>S7ANY bit number (<see cref="Address"/> &amp; 7).</summary>
    public int BitNumber => (int)(Address & 7);

    /// <summary>DBREAD: number of sub-areas the item announces (0 for other syntaxes).</summary>
    public byte DbReadAreaCount => RawSyntaxId == (byte)S7SyntaxId.DbRead && Spec.Length > 3 ? Spec[3] : (byte)0;

    /// <summary>DBREAD: the sub-area bytes (5 per sub-area), clipped to the item.</summary>
    public ReadOnlySpan<byte> DbReadAreas => RawSyntaxId == (byte)S7SyntaxId.DbRead && Spec.Length > 4 ? Spec.Slice(4) : default;

    /// <summary>The address specification after the 3-byte head (syntax-specific; symbolic 1200 LIDs, NCK, ...).</summary>
    public ReadOnlySpan<byte> AddressSpecification => Spec.Length > 3 ? Spec.Slice(3) : default;
}
