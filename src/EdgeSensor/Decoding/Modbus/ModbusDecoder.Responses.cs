namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Response layouts (data bytes after the function code; spec V1.1b3 section 6, widths in bytes):
/// <code>
///   FC1/2   byte count 1 (1..250) | coil/input status bytes
///   FC3/4   byte count 1 (2..250, even) | register values
///   FC5/6   address 2 | value 2 (echo of the request)
///   FC7     output data 1
///   FC8     sub-function 2 | data 2*N
///   FC11    status 2 | event count 2
///   FC12    byte count 1 | status 2 | event count 2 | message count 2 | events (byte count - 6)
///   FC15/16 starting address 2 | quantity 2
///   FC17    byte count 1 | server id, run indicator, additional data
///   FC20    response data length 1 | sub-responses (file response length 1, reference type 1, data)
///   FC21    request data length 1 | echo of the request's sub-requests
///   FC22    reference address 2 | AND mask 2 | OR mask 2
///   FC23    byte count 1 (2..250, even) | read register values
///   FC24    byte count 2 (= 2 + 2 * FIFO count) | FIFO count 2 (0..31) | values
///   FC43/14 MEI type 1 | read device id code 1 | conformity level 1 | more follows 1 | next object id 1
///           | number of objects 1 | objects (id 1, length 1, value)
///   other   kept as raw function code only
/// </code>
/// </summary>
public static partial class ModbusDecoder
{
    private const int MaxReadBitsByteCount = (ModbusLimits.MaxReadBits + 7) / 8;
    private const int MaxReadRegistersByteCount = ModbusLimits.MaxReadRegisters * 2;

    private static void DecodeResponse(ref ModbusAdu adu, ReadOnlySpan<byte> data, ref ModbusMalformedReason reason)
    {
        var r = new ModbusPduReader(data);
        switch (adu.Code)
        {
            case 1:
            case 2:
                if (!Read8(ref r, ref adu, ModbusFields.ByteCount, ref reason))
                {
                    return;
                }

                CheckRange(adu.ByteCount, MaxReadBitsByteCount, ref reason);
                CheckByteCount(ref r, adu.ByteCount, -1, ref reason);
                break;

            case 3:
            case 4:
            case 23:
                if (!Read8(ref r, ref adu, ModbusFields.ByteCount, ref reason))
                {
                    return;
                }

                CheckRange(adu.ByteCount, MaxReadRegistersByteCount, ref reason);
                CheckByteCount(ref r, adu.ByteCount, adu.ByteCount & ~1, ref reason);
                break;

            case 5:
            case 6:
                // Write single coil / register: the response echoes the request (V1.1b3 6.5, 6.6).
                DecodeWriteSingle(ref r, ref adu, ref reason);
                break;

            case 7:
                if (!Read8(ref r, ref adu, ModbusFields.Value, ref reason))
                {
                    return;
                }

                break;

            case 8:
                DecodeDiagnostics(ref r, ref adu, ref reason);
                return;

            case 11:
                if (!Read16(ref r, ref adu, ModbusFields.Status, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.EventCount, ref reason))
                {
                    return;
                }

                break;

            case 12:
                if (!Read8(ref r, ref adu, ModbusFields.ByteCount, ref reason))
                {
                    return;
                }

                int counted = adu.ByteCount;
                if (!Read16(ref r, ref adu, ModbusFields.Status, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.EventCount, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.MessageCount, ref reason))
                {
                    return;
                }

                CheckByteCount(ref r, counted - 6, -1, ref reason);
                break;

            case 15:
                if (!Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.Quantity, ref reason))
                {
                    return;
                }

                CheckRange(adu.Quantity, ModbusLimits.MaxWriteBits, ref reason);
                break;

            case 16:
                if (!Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.Quantity, ref reason))
                {
                    return;
                }

                CheckRange(adu.Quantity, ModbusLimits.MaxWriteRegisters, ref reason);
                break;

            case 17:
            case 20:
            case 21:
                DecodeCountedBlock(ref r, ref adu, ref reason);
                break;

            case 22:
                DecodeMaskWrite(ref r, ref adu, ref reason);
                break;

            case 24:
                if (!Read16(ref r, ref adu, ModbusFields.ByteCount, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.FifoCount, ref reason))
                {
                    return;
                }

                if (adu.FifoCount > ModbusLimits.MaxFifoCount)
                {
                    Flag(ref reason, ModbusMalformedReason.QuantityOutOfRange);
                }

                // The byte count covers the FIFO count word and the values.
                if (adu.ByteCount != 2 + (adu.FifoCount * 2))
                {
                    Flag(ref reason, ModbusMalformedReason.ByteCountMismatch);
                }

                CheckByteCount(ref r, adu.ByteCount - 2, -1, ref reason);
                break;

            case 43:
                if (!Read8(ref r, ref adu, ModbusFields.MeiType, ref reason))
                {
                    return;
                }

                if (adu.MeiType != ModbusLimits.MeiReadDeviceIdentification)
                {
                    return;
                }

                if (!Read8(ref r, ref adu, ModbusFields.ReadDeviceIdCode, ref reason)
                    || !Read8(ref r, ref adu, ModbusFields.ConformityLevel, ref reason)
                    || !Read8(ref r, ref adu, ModbusFields.MoreFollows, ref reason)
                    || !Read8(ref r, ref adu, ModbusFields.NextObjectId, ref reason)
                    || !Read8(ref r, ref adu, ModbusFields.NumberOfObjects, ref reason))
                {
                    return;
                }

                CheckDeviceIdObjects(ref r, adu.NumberOfObjects, ref reason);
                break;

            default:
                return;
        }

        CheckTrailing(ref r, ref reason);
    }

    // 43/14 object list: number-of-objects times (object id 1 | object length 1 | value); bounded by the count
    // (at most 255 iterations), each iteration consumes at least 2 bytes or stops.
    private static void CheckDeviceIdObjects(ref ModbusPduReader r, int count, ref ModbusMalformedReason reason)
    {
        for (int i = 0; i < count; i++)
        {
            if (!r.TryReadByte(out _) || !r.TryReadByte(out byte length) || !r.TrySkip(length))
            {
                Flag(ref reason, ModbusMalformedReason.ObjectListOverrun);
                return;
            }
        }
    }
}
