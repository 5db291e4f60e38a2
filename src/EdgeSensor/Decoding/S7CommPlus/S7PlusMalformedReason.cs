namespace EdgeSensor.Decoding.S7CommPlus;

/// <summary>Why an S7comm-plus payload was answered with <see cref="DecodeStatus.Malformed"/>.</summary>
public enum S7PlusMalformedReason : byte
{
    /// <summary>No problem.</summary>
    None = 0,

    /// <summary>Fewer than 4 bytes (protocol id, version, data length); the header says <see cref="S7PlusFragment.Short"/>.</summary>
    HeaderTooShort,

    /// <summary>Byte 0 is not 0x72 (only set with <see cref="DecodeStatus.NotThisProtocol"/>).</summary>
    BadProtocolId,

    /// <summary>The payload is shorter than 4 + data length.</summary>
    DataLengthOverrun,

    /// <summary>More bytes than 4 + data length, but not exactly a 4-byte trailer starting with 0x72.</summary>
    BadTrailer,

    /// <summary>The V3 integrity part (digest length + digest) runs to or past the end of the payload.</summary>
    IntegrityOverrun,

    /// <summary>A request/response opcode without the 8 bytes of reserved, function, reserved, sequence number.</summary>
    OpcodeHeaderTruncated,
}
