namespace EdgeSensor.Decoding.S7Comm;

/// <summary>Why an S7comm PDU was answered with <see cref="DecodeStatus.Malformed"/> (or rejected).</summary>
public enum S7MalformedReason : byte
{
    /// <summary>No problem.</summary>
    None = 0,

    /// <summary>Fewer bytes than the 10-byte (Job, Userdata) or 12-byte (Ack, Ack_Data) header.</summary>
    HeaderTooShort,

    /// <summary>Byte 0 is not 0x32 (only set with <see cref="DecodeStatus.NotThisProtocol"/>).</summary>
    BadProtocolId,

    /// <summary>ROSCTR is not 1, 2, 3 or 7 (only set with <see cref="DecodeStatus.NotThisProtocol"/>).</summary>
    UnknownRosctr,

    /// <summary>Header + parameter length runs past the end of the PDU.</summary>
    ParameterLengthOverrun,

    /// <summary>Header + parameter length + data length runs past the end of the PDU.</summary>
    DataLengthOverrun,

    /// <summary>The parameter part is shorter than its function requires (e.g. setup communication under 8 bytes).</summary>
    ParameterTooShort,

    /// <summary>The item count claims more items than the parameter or data part can hold.</summary>
    ItemCountOverrun,

    /// <summary>A request item (variable specification) runs past the parameter part.</summary>
    ItemTruncated,

    /// <summary>A data item (return code, transport size, length, value) runs past the data part.</summary>
    DataItemTruncated,

    /// <summary>A length-prefixed name (PI service name, block file name) runs past the parameter part.</summary>
    NameLengthOverrun,

    /// <summary>A userdata parameter is shorter than its 8-byte head or its own length byte.</summary>
    UserdataParameterTooShort,

    /// <summary>The userdata data header (return code, transport size, length) announces more bytes than present.</summary>
    UserdataDataTruncated,
}
