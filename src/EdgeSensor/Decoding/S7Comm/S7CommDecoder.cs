using System.Buffers.Binary;

namespace EdgeSensor.Decoding.S7Comm;

// S7comm ("S7 Communication", classic, S7-300/400 and S7-1200/1500 put/get), carried as the user data of
// one COTP TSDU (ISO 8073 over RFC 1006). Header, big endian:
//   0   1  protocol id        0x32
//   1   1  ROSCTR             1 Job, 2 Ack, 3 Ack_Data, 7 Userdata
//   2   2  redundancy id      reserved, 0
//   4   2  PDU reference      echoed by the responder
//   6   2  parameter length
//   8   2  data length
//  10   1  error class        Ack / Ack_Data only
//  11   1  error code         Ack / Ack_Data only
// then the parameter part, then the data part.
// There is no public specification; names and layouts follow Wireshark's packet-s7comm.c (Thomas Wiens) and
// the Snap7 / libnodave sources; the citations below name the Wireshark constant.

/// <summary>Cheap recognition and header decoding of S7comm PDUs; see <see cref="S7CommReader"/> for the rest.</summary>
public static class S7CommDecoder
{
    /// <summary>Byte 0 of every S7comm PDU (Wireshark S7COMM_PROT_ID).</summary>
    public const byte ProtocolId = 0x32;

    /// <summary>Header length of Job and Userdata PDUs.</summary>
    public const int HeaderLength = 10;

    /// <summary>Header length of Ack and Ack_Data PDUs (error class and code appended).</summary>
    public const int AckHeaderLength = 12;

    /// <summary>
    /// Reads the header. Cheap rejection first: byte 0 must be 0x32 and the ROSCTR one of 1, 2, 3, 7, else
    /// <see cref="DecodeStatus.NotThisProtocol"/> (reason says which). A span shorter than the header answers
    /// <see cref="DecodeStatus.NeedMoreData"/> (the caller decides whether that means truncation).
    /// Lengths are not checked against the span here; <see cref="S7CommReader"/> does that.
    /// Never throws, never reads past <paramref name="pdu"/>.
    /// </summary>
    public static DecodeStatus TryReadHeader(ReadOnlySpan<byte> pdu, out S7Header header, out S7MalformedReason reason)
    {
        header = default;
        if (pdu.IsEmpty)
        {
            reason = S7MalformedReason.HeaderTooShort;
            return DecodeStatus.NeedMoreData;
        }

        if (pdu[0] != ProtocolId)
        {
            reason = S7MalformedReason.BadProtocolId;
            return DecodeStatus.NotThisProtocol;
        }

        if (pdu.Length < 2)
        {
            reason = S7MalformedReason.HeaderTooShort;
            return DecodeStatus.NeedMoreData;
        }

        byte rosctr = pdu[1];
        if (ToRosctr(rosctr) == S7Rosctr.Unknown)
        {
            reason = S7MalformedReason.UnknownRosctr;
            return DecodeStatus.NotThisProtocol;
        }

        bool hasError = rosctr is (byte)S7Rosctr.Ack or (byte)S7Rosctr.AckData;
        int headerLength = hasError ? AckHeaderLength : HeaderLength;
        if (pdu.Length < headerLength)
        {
            reason = S7MalformedReason.HeaderTooShort;
            return DecodeStatus.NeedMoreData;
        }

        header = new S7Header(
            rosctr,
            BinaryPrimitives.ReadUInt16BigEndian(pdu.Slice(2)),
            BinaryPrimitives.ReadUInt16BigEndian(pdu.Slice(4)),
            BinaryPrimitives.ReadUInt16BigEndian(pdu.Slice(6)),
            BinaryPrimitives.ReadUInt16BigEndian(pdu.Slice(8)),
            hasError,
            hasError ? pdu[10] : (byte)0,
            hasError ? pdu[11] : (byte)0);
        reason = S7MalformedReason.None;
        return DecodeStatus.Ok;
    }

    /// <summary>Maps the ROSCTR byte to <see cref="S7Rosctr"/> (Wireshark rosctr_names).</summary>
    public static S7Rosctr ToRosctr(byte raw) => raw switch
    {
        0x01 => S7Rosctr.Job,
        0x02 => S7Rosctr.Ack,
        0x03 => S7Rosctr.AckData,
        0x07 => S7Rosctr.Userdata,
        _ => S7Rosctr.Unknown,
    };
}
