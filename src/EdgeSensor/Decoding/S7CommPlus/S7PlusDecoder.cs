using System.Buffers.Binary;

namespace EdgeSensor.Decoding.S7CommPlus;

// S7comm-plus (S7-1200/1500, TIA Portal), one COTP DT payload at a time; big endian. Layout as in the
// s7comm_plus Wireshark plugin (moki-ics/s7commwireshark, packet-s7comm_plus.c) and the project's oracle
// (reference/tools/ref.py, s7p_decode):
//   0   1  protocol id       0x72
//   1   1  version           0x01, 0x02, 0x03; 0xFE extended keep-alive; 0xFF keep-alive (nothing else decoded)
//   2   2  data length       bytes of data part in this payload
//  V3 PDU start only:
//   4   1  digest length     32
//   5   n  digest            integrity part
//  PDU start (single / first fragment), at offset o = 4 or 5 + n:
//   o   1  opcode            0x31 request, 0x32 response, 0x33 notification, 0x02 response
//  o+1  2  reserved
//  o+3  2  function          0x04CA CreateObject, 0x054C GetMultiVariables, ...   (opcodes 0x31, 0x32, 0x02 only)
//  o+5  2  reserved
//  o+7  2  sequence number
//  ... data
//  trailer (4): 72 | version | 00 00 -- present when the payload is longer than data length + 4, i.e. on a
//  single PDU and on the last fragment; a payload without it continues in the next payload of the same direction.

/// <summary>Decodes the S7comm-plus header of one COTP payload and tracks fragmentation per direction.</summary>
public static class S7PlusDecoder
{
    /// <summary>Byte 0 of every S7comm-plus payload.</summary>
    public const byte ProtocolId = 0x72;

    /// <summary>Protocol id, version, data length.</summary>
    public const int HeaderLength = 4;

    /// <summary>Trailer: protocol id, version, 2 reserved bytes.</summary>
    public const int TrailerLength = 4;

    /// <summary>Version byte of a keep-alive (72 FF ...).</summary>
    public const byte VersionKeepAlive = 0xFF;

    /// <summary>Version byte of an extended keep-alive (TIA V14+).</summary>
    public const byte VersionExtendedKeepAlive = 0xFE;

    /// <summary>Version whose PDU start carries an integrity part before the opcode.</summary>
    public const byte VersionWithIntegrity = 0x03;

    /// <summary>Opcode, reserved (2), function (2), reserved (2), sequence number (2).</summary>
    public const int OpcodeHeaderLength = 9;

    /// <summary>
    /// Reads the header of one COTP payload and advances the per-direction fragment state exactly as the oracle does.
    /// Answers <see cref="DecodeStatus.NotThisProtocol"/> (byte 0 is not 0x72), <see cref="DecodeStatus.NeedMoreData"/>
    /// (empty), <see cref="DecodeStatus.Ok"/>, or <see cref="DecodeStatus.Malformed"/> with a reason; on Malformed the
    /// header still holds what was decoded (a short payload gives <see cref="S7PlusFragment.Short"/>), so a row can be written.
    /// Never throws, never reads past the span.
    /// </summary>
    public static DecodeStatus TryRead(ReadOnlySpan<byte> cotpPayload, ref S7PlusFragmentState state, out S7PlusHeader header,
        out S7PlusMalformedReason reason)
    {
        header = default;
        ReadOnlySpan<byte> b = cotpPayload;
        if (b.IsEmpty)
        {
            reason = S7PlusMalformedReason.HeaderTooShort;
            return DecodeStatus.NeedMoreData;
        }

        if (b[0] != ProtocolId)
        {
            reason = S7PlusMalformedReason.BadProtocolId;
            return DecodeStatus.NotThisProtocol;
        }

        bool hasVersion = b.Length > 1;
        byte version = hasVersion ? b[1] : (byte)0;
        if (b.Length < HeaderLength)
        {
            header = new S7PlusHeader { HasVersion = hasVersion, Version = version, Fragment = S7PlusFragment.Short };
            reason = S7PlusMalformedReason.HeaderTooShort;
            return DecodeStatus.Malformed;
        }

        if (version == VersionKeepAlive)
        {
            header = new S7PlusHeader { HasVersion = true, Version = version, Fragment = S7PlusFragment.KeepAlive };
            reason = S7PlusMalformedReason.None;
            return DecodeStatus.Ok;
        }

        ushort dataLength = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(2));
        if (version == VersionExtendedKeepAlive)
        {
            header = new S7PlusHeader
            {
                HasVersion = true, Version = version, HasDataLength = true, DataLength = dataLength,
                Fragment = S7PlusFragment.ExtendedKeepAlive,
            };
            reason = S7PlusMalformedReason.None;
            return DecodeStatus.Ok;
        }

        bool hasTrailer = b.Length > dataLength + HeaderLength;
        reason = CheckLengths(b, dataLength, hasTrailer);

        if (state.InFragmentedPdu)
        {
            header = new S7PlusHeader
            {
                HasVersion = true, Version = version, HasDataLength = true, DataLength = dataLength, HasTrailer = hasTrailer,
                Fragment = hasTrailer ? S7PlusFragment.Last : S7PlusFragment.Middle,
            };
            if (hasTrailer)
            {
                state = default;
            }
            else
            {
                state.ContinuationCount++;
            }

            return reason == S7PlusMalformedReason.None ? DecodeStatus.Ok : DecodeStatus.Malformed;
        }

        var start = new S7PlusHeader
        {
            HasVersion = true, Version = version, HasDataLength = true, DataLength = dataLength, HasTrailer = hasTrailer,
            Fragment = hasTrailer ? S7PlusFragment.Single : S7PlusFragment.First,
        };
        header = start;
        state = default;
        state.InFragmentedPdu = !hasTrailer;

        int offset = HeaderLength;
        if (version == VersionWithIntegrity)
        {
            // b.Length >= 4 here, so offset 4 may be the end; the oracle reads the digest length only when present.
            if (b.Length > offset)
            {
                byte digestLength = b[offset];
                offset += 1 + digestLength;
                start = start with { IntegrityPresent = true, IntegrityDigestLength = digestLength };
                header = start;
            }
        }

        if (b.Length <= offset)
        {
            if (reason == S7PlusMalformedReason.None && version == VersionWithIntegrity)
            {
                reason = S7PlusMalformedReason.IntegrityOverrun;
            }

            return reason == S7PlusMalformedReason.None ? DecodeStatus.Ok : DecodeStatus.Malformed;
        }

        byte opcode = b[offset];
        header = start with { HasOpcode = true, Opcode = opcode, OpcodeOffset = offset };
        if (state.InFragmentedPdu)
        {
            state.OpenOpcode = opcode;
        }

        if (opcode is (byte)S7PlusOpcode.Request or (byte)S7PlusOpcode.Response or (byte)S7PlusOpcode.Response2)
        {
            if (b.Length - offset >= OpcodeHeaderLength)
            {
                ushort function = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(offset + 3));
                header = header with
                {
                    HasFunction = true,
                    Function = function,
                    SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(offset + 7)),
                };
                if (state.InFragmentedPdu)
                {
                    state.OpenFunction = function;
                }
            }
            else if (reason == S7PlusMalformedReason.None)
            {
                reason = S7PlusMalformedReason.OpcodeHeaderTruncated;
            }
        }

        return reason == S7PlusMalformedReason.None ? DecodeStatus.Ok : DecodeStatus.Malformed;
    }

    /// <summary>Maps an opcode byte to <see cref="S7PlusOpcode"/>.</summary>
    public static S7PlusOpcode ToOpcode(byte raw) => raw switch
    {
        0x02 => S7PlusOpcode.Response2,
        0x31 => S7PlusOpcode.Request,
        0x32 => S7PlusOpcode.Response,
        0x33 => S7PlusOpcode.Notification,
        _ => S7PlusOpcode.Unknown,
    };

    /// <summary>Maps a function code to <see cref="S7PlusFunction"/>.</summary>
    public static S7PlusFunction ToFunction(ushort raw) => raw switch
    {
        0x04B1 or 0x04BB or 0x04CA or 0x04D4 or 0x04F2 or 0x04FC or 0x0506 or 0x051A or 0x0524 or 0x0542 or 0x054C
            or 0x0556 or 0x0560 or 0x056B or 0x057C or 0x0586 or 0x0590 or 0x059A => (S7PlusFunction)raw,
        _ => S7PlusFunction.Unknown,
    };

    // Length checks the oracle does not make; they only set a reason, never change fragment decisions.
    private static S7PlusMalformedReason CheckLengths(ReadOnlySpan<byte> b, int dataLength, bool hasTrailer)
    {
        int body = HeaderLength + dataLength;
        if (b.Length < body)
        {
            return S7PlusMalformedReason.DataLengthOverrun;
        }

        if (hasTrailer && (b.Length != body + TrailerLength || b[body] != ProtocolId))
        {
            return S7PlusMalformedReason.BadTrailer;
        }

        return S7PlusMalformedReason.None;
    }
}
