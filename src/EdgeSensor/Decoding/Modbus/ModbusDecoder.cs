using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Decodes one complete Modbus/TCP ADU (MBAP header + PDU, exactly as delimited by
/// <see cref="ModbusFraming.TryGetFrameLength"/>). Never throws on packet bytes, never reads past the span,
/// allocates nothing. Layout of every ADU (Implementation Guide 3.1.3, spec 4.1):
/// <code>
///   0  transaction id  2 | 2 protocol id 2 | 4 length 2 | 6 unit id 1 | 7 function code 1 | 8 data (length - 2)
///   exception response: function code | 0x80, then exception code 1
/// </code>
/// The per-function layouts are at the top of the request and response files of this partial class.
/// </summary>
public static partial class ModbusDecoder
{
    /// <summary>
    /// Decodes <paramref name="adu"/> as sent in <paramref name="direction"/>.
    /// <see cref="DecodeStatus.Ok"/>: every field of the layout was present and within the specification.
    /// <see cref="DecodeStatus.Malformed"/>: <paramref name="reason"/> says which rule broke first; <paramref name="result"/>
    /// still holds the header, the function code (when present) and every field that could be read, so the ADU can
    /// still be reported and paired.
    /// <see cref="DecodeStatus.NotThisProtocol"/>: the protocol id is not 0.
    /// With <see cref="ModbusDirection.Unknown"/> only the header, function code and exception code are decoded.
    /// </summary>
    public static DecodeStatus TryDecode(ReadOnlySpan<byte> adu, ModbusDirection direction, out ModbusAdu result, out ModbusMalformedReason reason)
    {
        result = default;
        reason = ModbusMalformedReason.None;
        if (adu.Length < ModbusFraming.MbapLength)
        {
            reason = ModbusMalformedReason.TruncatedPdu;
            return DecodeStatus.Malformed;
        }

        ushort protocolId = BinaryPrimitives.ReadUInt16BigEndian(adu.Slice(2, 2));
        if (protocolId != 0)
        {
            return DecodeStatus.NotThisProtocol;
        }

        ushort length = BinaryPrimitives.ReadUInt16BigEndian(adu.Slice(4, 2));
        result = new ModbusAdu
        {
            TransactionId = BinaryPrimitives.ReadUInt16BigEndian(adu.Slice(0, 2)),
            ProtocolId = protocolId,
            Length = length,
            UnitId = adu[6],
            Direction = direction,
        };

        if (length < ModbusLimits.MinMbapLengthField)
        {
            reason = ModbusMalformedReason.LengthTooShort;
            return DecodeStatus.Malformed;
        }

        if (length > ModbusLimits.MaxMbapLengthField)
        {
            Flag(ref reason, ModbusMalformedReason.LengthTooLong);
        }

        int declared = length + ModbusLimits.MbapLengthFieldOffset;
        if (adu.Length != declared)
        {
            Flag(ref reason, ModbusMalformedReason.LengthMismatch);
        }

        // Decode only what the header delimits and what was given, whichever is shorter.
        ReadOnlySpan<byte> pdu = adu.Slice(ModbusFraming.MbapLength, Math.Min(adu.Length, declared) - ModbusFraming.MbapLength);
        if (pdu.IsEmpty)
        {
            Flag(ref reason, ModbusMalformedReason.TruncatedPdu);
            return DecodeStatus.Malformed;
        }

        byte raw = pdu[0];
        result = result with
        {
            RawFunctionCode = raw,
            FunctionCode = Classify((byte)(raw & ~ModbusLimits.ExceptionBit)),
            Fields = ModbusFields.FunctionCode,
        };

        ReadOnlySpan<byte> data = pdu.Slice(1);
        if ((raw & ModbusLimits.ExceptionBit) != 0)
        {
            DecodeException(ref result, data, direction, ref reason);
        }
        else if (direction == ModbusDirection.Request)
        {
            DecodeRequest(ref result, data, ref reason);
        }
        else if (direction == ModbusDirection.Response)
        {
            DecodeResponse(ref result, data, ref reason);
        }

        return reason == ModbusMalformedReason.None ? DecodeStatus.Ok : DecodeStatus.Malformed;
    }

    /// <summary>Maps a function code (exception bit cleared) to its name, or <see cref="ModbusFunctionCode.Unknown"/>.</summary>
    public static ModbusFunctionCode Classify(byte code) => code switch
    {
        >= 1 and <= 24 or 43 or 90 or 125 or 126 => (ModbusFunctionCode)code,
        _ => ModbusFunctionCode.Unknown,
    };

    // Exception response (spec 7): function code | 0x80 (1) | exception code (1).
    private static void DecodeException(ref ModbusAdu adu, ReadOnlySpan<byte> data, ModbusDirection direction, ref ModbusMalformedReason reason)
    {
        var reader = new ModbusPduReader(data);
        if (!reader.TryReadByte(out byte code))
        {
            Flag(ref reason, ModbusMalformedReason.TruncatedPdu);
            return;
        }

        adu = adu with { ExceptionCode = code, Fields = adu.Fields | ModbusFields.ExceptionCode };
        if (code == 0)
        {
            Flag(ref reason, ModbusMalformedReason.InvalidExceptionCode);
        }

        if (direction != ModbusDirection.Unknown && reader.Remaining > 0)
        {
            Flag(ref reason, ModbusMalformedReason.TrailingBytes);
        }
    }

    private static void Flag(ref ModbusMalformedReason reason, ModbusMalformedReason value)
    {
        if (reason == ModbusMalformedReason.None)
        {
            reason = value;
        }
    }

    /// <summary>Reads one 16-bit field into the ADU; false (and TruncatedPdu) when the PDU ends first.</summary>
    private static bool Read16(ref ModbusPduReader reader, ref ModbusAdu adu, ModbusFields field, ref ModbusMalformedReason reason)
    {
        if (!reader.TryReadUInt16(out ushort v))
        {
            Flag(ref reason, ModbusMalformedReason.TruncatedPdu);
            return false;
        }

        ModbusFields fields = adu.Fields | field;
        adu = field switch
        {
            ModbusFields.ReferenceNumber => adu with { ReferenceNumber = v, Fields = fields },
            ModbusFields.Quantity => adu with { Quantity = v, Fields = fields },
            ModbusFields.ByteCount => adu with { ByteCount = v, Fields = fields },
            ModbusFields.ReadReferenceNumber => adu with { ReadReferenceNumber = v, Fields = fields },
            ModbusFields.ReadQuantity => adu with { ReadQuantity = v, Fields = fields },
            ModbusFields.WriteReferenceNumber => adu with { WriteReferenceNumber = v, Fields = fields },
            ModbusFields.WriteQuantity => adu with { WriteQuantity = v, Fields = fields },
            ModbusFields.Value => adu with { Value = v, Fields = fields },
            ModbusFields.AndMask => adu with { AndMask = v, Fields = fields },
            ModbusFields.OrMask => adu with { OrMask = v, Fields = fields },
            ModbusFields.SubFunction => adu with { SubFunction = v, Fields = fields },
            ModbusFields.FifoCount => adu with { FifoCount = v, Fields = fields },
            ModbusFields.Status => adu with { Status = v, Fields = fields },
            ModbusFields.EventCount => adu with { EventCount = v, Fields = fields },
            ModbusFields.MessageCount => adu with { MessageCount = v, Fields = fields },
            _ => adu,
        };
        return true;
    }

    /// <summary>Reads one 8-bit field into the ADU; false (and TruncatedPdu) when the PDU ends first.</summary>
    private static bool Read8(ref ModbusPduReader reader, ref ModbusAdu adu, ModbusFields field, ref ModbusMalformedReason reason)
    {
        if (!reader.TryReadByte(out byte v))
        {
            Flag(ref reason, ModbusMalformedReason.TruncatedPdu);
            return false;
        }

        ModbusFields fields = adu.Fields | field;
        adu = field switch
        {
            ModbusFields.ByteCount => adu with { ByteCount = v, Fields = fields },
            ModbusFields.Value => adu with { Value = v, Fields = fields },
            ModbusFields.MeiType => adu with { MeiType = v, Fields = fields },
            ModbusFields.ReadDeviceIdCode => adu with { ReadDeviceIdCode = v, Fields = fields },
            ModbusFields.ObjectId => adu with { ObjectId = v, Fields = fields },
            ModbusFields.ConformityLevel => adu with { ConformityLevel = v, Fields = fields },
            ModbusFields.MoreFollows => adu with { MoreFollows = v, Fields = fields },
            ModbusFields.NextObjectId => adu with { NextObjectId = v, Fields = fields },
            ModbusFields.NumberOfObjects => adu with { NumberOfObjects = v, Fields = fields },
            _ => adu,
        };
        return true;
    }

    private static void CheckRange(int value, int max, ref ModbusMalformedReason reason)
    {
        if (value < 1 || value > max)
        {
            Flag(ref reason, ModbusMalformedReason.QuantityOutOfRange);
        }
    }

    /// <summary>The byte count must equal <paramref name="expected"/> (when known) and the bytes that follow it.</summary>
    private static void CheckByteCount(ref ModbusPduReader reader, int byteCount, int expected, ref ModbusMalformedReason reason)
    {
        if ((expected >= 0 && byteCount != expected) || byteCount != reader.Remaining)
        {
            Flag(ref reason, ModbusMalformedReason.ByteCountMismatch);
        }

        // Step over the counted data (or what there is of it); anything after it is checked as trailing bytes.
        reader.TrySkip(Math.Min(byteCount, reader.Remaining));
    }

    private static void CheckTrailing(ref ModbusPduReader reader, ref ModbusMalformedReason reason)
    {
        if (reader.Remaining > 0)
        {
            Flag(ref reason, ModbusMalformedReason.TrailingBytes);
        }
    }
}
