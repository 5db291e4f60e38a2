namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Request layouts (data bytes after the function code; spec V1.1b3 section 6, widths in bytes):
/// <code>
///   FC1/2   starting address 2 | quantity of coils/inputs 2 (1..2000)
///   FC3/4   starting address 2 | quantity of registers 2 (1..125)
///   FC5     output address 2 | output value 2 (0x0000 or 0xFF00)
///   FC6     register address 2 | register value 2
///   FC7/11/12/17  no data
///   FC8     sub-function 2 | data 2*N
///   FC15    starting address 2 | quantity of outputs 2 (1..1968) | byte count 1 (= ceil(q/8)) | values
///   FC16    starting address 2 | quantity of registers 2 (1..123) | byte count 1 (= 2q) | values
///   FC20    byte count 1 | sub-requests of 7 (reference type 1, file 2, record 2, record length 2)
///   FC21    byte count 1 | sub-requests (reference type 1, file 2, record 2, record length 2, data)
///   FC22    reference address 2 | AND mask 2 | OR mask 2
///   FC23    read address 2 | read quantity 2 (1..125) | write address 2 | write quantity 2 (1..121)
///           | write byte count 1 (= 2 * write quantity) | values
///   FC24    FIFO pointer address 2
///   FC43    MEI type 1 | 14: read device id code 1 (1..4) | object id 1;  13: CANopen data
///   other   kept as raw function code only (user-defined 65-72, 100-110; UMAS 90; 125/126; unknown)
/// </code>
/// </summary>
public static partial class ModbusDecoder
{
    private static void DecodeRequest(ref ModbusAdu adu, ReadOnlySpan<byte> data, ref ModbusMalformedReason reason)
    {
        var r = new ModbusPduReader(data);
        switch (adu.Code)
        {
            case 1:
            case 2:
                if (!Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.Quantity, ref reason))
                {
                    return;
                }

                CheckRange(adu.Quantity, ModbusLimits.MaxReadBits, ref reason);
                break;

            case 3:
            case 4:
                if (!Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.Quantity, ref reason))
                {
                    return;
                }

                CheckRange(adu.Quantity, ModbusLimits.MaxReadRegisters, ref reason);
                break;

            case 5:
            case 6:
                // Write single coil / register: the response echoes the request (V1.1b3 6.5, 6.6).
                DecodeWriteSingle(ref r, ref adu, ref reason);
                break;

            case 7:
            case 11:
            case 12:
            case 17:
                break;

            case 8:
                DecodeDiagnostics(ref r, ref adu, ref reason);
                return;

            case 15:
                if (!Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.Quantity, ref reason)
                    || !Read8(ref r, ref adu, ModbusFields.ByteCount, ref reason))
                {
                    return;
                }

                CheckRange(adu.Quantity, ModbusLimits.MaxWriteBits, ref reason);
                CheckByteCount(ref r, adu.ByteCount, (adu.Quantity + 7) / 8, ref reason);
                break;

            case 16:
                if (!Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.Quantity, ref reason)
                    || !Read8(ref r, ref adu, ModbusFields.ByteCount, ref reason))
                {
                    return;
                }

                CheckRange(adu.Quantity, ModbusLimits.MaxWriteRegisters, ref reason);
                CheckByteCount(ref r, adu.ByteCount, adu.Quantity * 2, ref reason);
                break;

            case 20:
            case 21:
                DecodeCountedBlock(ref r, ref adu, ref reason);
                break;

            case 22:
                DecodeMaskWrite(ref r, ref adu, ref reason);
                break;

            case 23:
                if (!Read16(ref r, ref adu, ModbusFields.ReadReferenceNumber, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.ReadQuantity, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.WriteReferenceNumber, ref reason)
                    || !Read16(ref r, ref adu, ModbusFields.WriteQuantity, ref reason)
                    || !Read8(ref r, ref adu, ModbusFields.ByteCount, ref reason))
                {
                    return;
                }

                CheckRange(adu.ReadQuantity, ModbusLimits.MaxReadWriteReadRegisters, ref reason);
                CheckRange(adu.WriteQuantity, ModbusLimits.MaxReadWriteWriteRegisters, ref reason);
                CheckByteCount(ref r, adu.ByteCount, adu.WriteQuantity * 2, ref reason);
                break;

            case 24:
                if (!Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason))
                {
                    return;
                }

                break;

            case 43:
                if (!Read8(ref r, ref adu, ModbusFields.MeiType, ref reason))
                {
                    return;
                }

                if (adu.MeiType == ModbusLimits.MeiReadDeviceIdentification)
                {
                    if (!Read8(ref r, ref adu, ModbusFields.ReadDeviceIdCode, ref reason)
                        || !Read8(ref r, ref adu, ModbusFields.ObjectId, ref reason))
                    {
                        return;
                    }

                    if (adu.ReadDeviceIdCode is < 1 or > ModbusLimits.MaxReadDeviceIdCode)
                    {
                        Flag(ref reason, ModbusMalformedReason.InvalidReadDeviceIdCode);
                    }

                    break;
                }

                // CANopen general reference and reserved MEI types carry opaque data.
                return;

            default:
                // Vendor, user-defined and unknown codes: the raw code is all we keep.
                return;
        }

        CheckTrailing(ref r, ref reason);
    }

    // FC8 (6.8): sub-function 2 | data; most sub-functions carry exactly one data word.
    private static void DecodeDiagnostics(ref ModbusPduReader r, ref ModbusAdu adu, ref ModbusMalformedReason reason)
    {
        if (!Read16(ref r, ref adu, ModbusFields.SubFunction, ref reason))
        {
            return;
        }

        if (r.Remaining == sizeof(ushort))
        {
            Read16(ref r, ref adu, ModbusFields.Value, ref reason);
        }
    }

    private static void CheckCoilValue(ushort value, ref ModbusMalformedReason reason)
    {
        if (value != 0 && value != ModbusLimits.CoilOn)
        {
            Flag(ref reason, ModbusMalformedReason.InvalidCoilValue);
        }
    }

    /// <summary>FC5/FC6, request and (echoed) response: reference (2) | value (2); a coil value must be 0x0000 or 0xFF00.</summary>
    private static void DecodeWriteSingle(ref ModbusPduReader r, ref ModbusAdu adu, ref ModbusMalformedReason reason)
    {
        if (!Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason)
            || !Read16(ref r, ref adu, ModbusFields.Value, ref reason))
        {
            return;
        }

        if (adu.Code == 5)
        {
            CheckCoilValue(adu.Value, ref reason);
        }
    }

    /// <summary>FC22, request and (echoed) response: reference (2) | AND mask (2) | OR mask (2).</summary>
    private static void DecodeMaskWrite(ref ModbusPduReader r, ref ModbusAdu adu, ref ModbusMalformedReason reason)
    {
        _ = Read16(ref r, ref adu, ModbusFields.ReferenceNumber, ref reason)
            && Read16(ref r, ref adu, ModbusFields.AndMask, ref reason)
            && Read16(ref r, ref adu, ModbusFields.OrMask, ref reason);
    }

    /// <summary>FC20/FC21 both ways and FC17 response: byte count (1) | that many bytes of records.</summary>
    private static void DecodeCountedBlock(ref ModbusPduReader r, ref ModbusAdu adu, ref ModbusMalformedReason reason)
    {
        if (Read8(ref r, ref adu, ModbusFields.ByteCount, ref reason))
        {
            CheckByteCount(ref r, adu.ByteCount, -1, ref reason);
        }
    }
}
