namespace EdgeSensor.Decoding.S7CommPlus;

/// <summary>
/// What <see cref="S7PlusDecoder.TryRead"/> learned from one COTP payload (see the layout comment there).
/// Opcode, function and sequence number exist only on <see cref="S7PlusFragment.Single"/> and
/// <see cref="S7PlusFragment.First"/> payloads (<see cref="HasOpcode"/>, <see cref="HasFunction"/>).
/// </summary>
public readonly struct S7PlusHeader
{
    /// <summary>True when byte 1 was present (<see cref="Version"/> is valid).</summary>
    public bool HasVersion { get; init; }

    /// <summary>Byte 1: 0x01, 0x02, 0x03 (with integrity part), 0xFE extended keep-alive, 0xFF keep-alive.</summary>
    public byte Version { get; init; }

    /// <summary>True when bytes 2-3 were read (not for keep-alive and short payloads).</summary>
    public bool HasDataLength { get; init; }

    /// <summary>Bytes 2-3: length of the data part in this payload (header and trailer excluded).</summary>
    public ushort DataLength { get; init; }

    /// <summary>Position of this payload in its PDU.</summary>
    public S7PlusFragment Fragment { get; init; }

    /// <summary>True when the payload ends with a trailer (payload length &gt; data length + 4).</summary>
    public bool HasTrailer { get; init; }

    /// <summary>True for a V3 PDU start: an integrity part (digest length byte + digest) precedes the opcode.</summary>
    public bool IntegrityPresent { get; init; }

    /// <summary>V3 digest length byte (32 for the HMAC-SHA256 digest seen on the wire).</summary>
    public byte IntegrityDigestLength { get; init; }

    /// <summary>True when <see cref="Opcode"/> is valid.</summary>
    public bool HasOpcode { get; init; }

    /// <summary>Opcode byte as on the wire (0x31 request, 0x32 response, 0x33 notification, 0x02 response).</summary>
    public byte Opcode { get; init; }

    /// <summary>The opcode as an enum, or <see cref="S7PlusOpcode.Unknown"/>.</summary>
    public S7PlusOpcode OpcodeKind => HasOpcode ? S7PlusDecoder.ToOpcode(Opcode) : S7PlusOpcode.Unknown;

    /// <summary>True when <see cref="Function"/> and <see cref="SequenceNumber"/> are valid.</summary>
    public bool HasFunction { get; init; }

    /// <summary>Function code as on the wire (see <see cref="S7PlusFunction"/>).</summary>
    public ushort Function { get; init; }

    /// <summary>The function as an enum, or <see cref="S7PlusFunction.Unknown"/>.</summary>
    public S7PlusFunction FunctionKind => HasFunction ? S7PlusDecoder.ToFunction(Function) : S7PlusFunction.Unknown;

    /// <summary>Sequence number (pairs a response with its request).</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>Offset of the opcode in the payload (4, or 5 + digest length for V3); 0 when there is none.</summary>
    public int OpcodeOffset { get; init; }
}
