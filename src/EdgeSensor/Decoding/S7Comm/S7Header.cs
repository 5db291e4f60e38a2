namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// The S7comm header (see the layout comment on <see cref="S7CommDecoder"/>). Error class and code exist only
/// on Ack and Ack_Data (<see cref="HasError"/>), which makes those headers 12 bytes long instead of 10.
/// </summary>
public readonly struct S7Header
{
    public S7Header(byte rawRosctr, ushort redundancyId, ushort pduReference, ushort parameterLength, ushort dataLength,
        bool hasError, byte errorClass, byte errorCode)
    {
        RawRosctr = rawRosctr;
        RedundancyId = redundancyId;
        PduReference = pduReference;
        ParameterLength = parameterLength;
        DataLength = dataLength;
        HasError = hasError;
        ErrorClass = errorClass;
        ErrorCode = errorCode;
    }

    /// <summary>Always <see cref="S7CommDecoder.ProtocolId"/> (0x32) for a decoded header.</summary>
    public byte ProtocolId => S7CommDecoder.ProtocolId;

    /// <summary>The PDU type, or <see cref="S7Rosctr.Unknown"/>.</summary>
    public S7Rosctr Rosctr => S7CommDecoder.ToRosctr(RawRosctr);

    /// <summary>ROSCTR byte as on the wire.</summary>
    public byte RawRosctr { get; }

    /// <summary>Bytes 2-3, reserved ("redundancy identification"), normally 0.</summary>
    public ushort RedundancyId { get; }

    /// <summary>Bytes 4-5: PDU reference chosen by the requester and echoed by the responder.</summary>
    public ushort PduReference { get; }

    /// <summary>Bytes 6-7: length of the parameter part.</summary>
    public ushort ParameterLength { get; }

    /// <summary>Bytes 8-9: length of the data part.</summary>
    public ushort DataLength { get; }

    /// <summary>True for Ack and Ack_Data, whose header carries <see cref="ErrorClass"/> and <see cref="ErrorCode"/>.</summary>
    public bool HasError { get; }

    /// <summary>Byte 10 on Ack/Ack_Data: error class (0x00 none, 0x81 application relationship, 0x85 supplies, ...).</summary>
    public byte ErrorClass { get; }

    /// <summary>Byte 11 on Ack/Ack_Data: error code within the class.</summary>
    public byte ErrorCode { get; }

    /// <summary>10, or 12 when <see cref="HasError"/>.</summary>
    public int HeaderLength => HasError ? S7CommDecoder.AckHeaderLength : S7CommDecoder.HeaderLength;

    /// <summary>Header + parameter + data length: the PDU length the header announces.</summary>
    public int TotalLength => HeaderLength + ParameterLength + DataLength;
}
