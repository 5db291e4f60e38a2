using System.Buffers.Binary;
using System.Globalization;
using EdgeSensor.Decoding.Modbus;

namespace EdgeSensor.Dissect;

/// <summary>
/// Writes a decoded Modbus/TCP ADU into a <see cref="TsvRow"/> with the columns and value formatting of the
/// reference dissections (tshark 4.0.17 via reference/tools/ref.py): decimal numbers, multi-valued fields joined
/// with ','. tshark shows request fields only for requests and response fields only for responses, and for an
/// exception (exception bit set and a non-zero exception code) only the exception code. Not on the hot path.
/// </summary>
public static class ModbusTsvFormatter
{
    private static readonly string[] ColumnNames =
    [
        "frame", "time_epoch", "ip_src", "ip_dst", "tcp_srcport", "tcp_dstport", "tcp_stream", "pdu_in_frame",
        "mbtcp.trans_id", "mbtcp.prot_id", "mbtcp.len", "mbtcp.unit_id",
        "modbus.func_code", "raw_func_code", "is_response", "modbus.request_frame", "modbus.exception_code",
        "modbus.reference_num", "modbus.word_cnt", "modbus.bit_cnt", "modbus.byte_cnt",
        "modbus.read_reference_num", "modbus.read_word_cnt", "modbus.write_reference_num", "modbus.write_word_cnt",
        "modbus.mei", "modbus.read_device_id", "modbus.object_id", "frame_malformed",
    ];

    /// <summary>Exactly the header line of reference/dev/*.modbus.tsv, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = Array.AsReadOnly(ColumnNames);

    /// <summary>
    /// False for ADUs that tshark 4.0 dissects to no Modbus/TCP layer at all (so the reference has no row): no
    /// function code, or the header pre-read of dissect_mbtcp_pdu_common runs past the ADU (an exception without
    /// its code byte, FC43 without a MEI byte, FC8 without a full sub-function).
    /// </summary>
    public static bool IsShownByReference(in ModbusAdu adu, ReadOnlySpan<byte> aduBytes)
    {
        if (!adu.Has(ModbusFields.FunctionCode))
        {
            return false;
        }

        int available = Math.Min(aduBytes.Length, adu.Length + 6);
        if (adu.IsException)
        {
            if (available < 9)
            {
                return false;
            }

            if (aduBytes[8] != 0)
            {
                return true;
            }
        }

        // tshark reads the MEI byte / diagnostics sub-function before it builds the tree.
        return adu.Code switch
        {
            43 => available >= 9,
            8 => available >= 10,
            _ => true,
        };
    }

    /// <summary>
    /// Whether tshark 4.0 marks the PDU malformed: only when its dissection reads past the end of the PDU
    /// (a truncated fixed layout or 43/14 object list). Range, byte-count and trailing-byte violations, which the
    /// decoder reports as <see cref="Decoding.DecodeStatus.Malformed"/>, are not malformed for tshark.
    /// </summary>
    public static bool IsMalformedByReference(ModbusMalformedReason reason) =>
        reason is ModbusMalformedReason.TruncatedPdu or ModbusMalformedReason.ObjectListOverrun or ModbusMalformedReason.LengthTooShort;

    /// <summary>
    /// Fills every mbtcp.* / modbus.* column plus raw_func_code and is_response. Call it after the common columns
    /// (tcp_srcport, modbus.request_frame) are set: is_response follows ref.py (a matched response, an exception,
    /// or a PDU from TCP port 502).
    /// </summary>
    public static void Fill(TsvRow row, in ModbusAdu adu, ReadOnlySpan<byte> aduBytes)
    {
        ArgumentNullException.ThrowIfNull(row);
        row["mbtcp.trans_id"] = Num(adu.TransactionId);
        row["mbtcp.prot_id"] = Num(adu.ProtocolId);
        row["mbtcp.len"] = Num(adu.Length);
        row["mbtcp.unit_id"] = Num(adu.UnitId);
        if (!adu.Has(ModbusFields.FunctionCode))
        {
            return;
        }

        bool exception = adu.IsException && adu.Has(ModbusFields.ExceptionCode) && adu.ExceptionCode != 0;
        row["modbus.func_code"] = Num(adu.Code);
        row["raw_func_code"] = Num(exception ? adu.RawFunctionCode : adu.Code);
        bool response = adu.Direction == ModbusDirection.Response
            || exception
            || row["tcp_srcport"] == "502"
            || row["modbus.request_frame"].Length > 0;
        row["is_response"] = response ? "1" : "0";

        if (exception)
        {
            row["modbus.exception_code"] = Num(adu.ExceptionCode);
            return;
        }

        if (adu.IsException)
        {
            // Exception bit with exception code 0: tshark dissects the PDU as a normal one of the masked code.
            FillMasked(row, adu, aduBytes);
            return;
        }

        ReadOnlySpan<byte> data = PduData(adu, aduBytes);
        if (adu.Direction == ModbusDirection.Request)
        {
            FillRequest(row, adu, data);
        }
        else if (adu.Direction == ModbusDirection.Response)
        {
            FillResponse(row, adu, data);
        }
    }

    private static void FillMasked(TsvRow row, in ModbusAdu adu, ReadOnlySpan<byte> aduBytes)
    {
        byte[] copy = aduBytes.ToArray();
        copy[7] = adu.Code;
        ModbusDecoder.TryDecode(copy, adu.Direction, out ModbusAdu masked, out _);
        ReadOnlySpan<byte> data = PduData(masked, copy);
        if (masked.Direction == ModbusDirection.Request)
        {
            FillRequest(row, masked, data);
        }
        else if (masked.Direction == ModbusDirection.Response)
        {
            FillResponse(row, masked, data);
        }
    }

    private static void FillRequest(TsvRow row, in ModbusAdu adu, ReadOnlySpan<byte> data)
    {
        FillCommon(row, adu);
        switch (adu.Code)
        {
            case 1:
            case 2:
            case 15:
                Set(row, "modbus.bit_cnt", adu, ModbusFields.Quantity, adu.Quantity);
                break;
            case 3:
            case 4:
            case 16:
                Set(row, "modbus.word_cnt", adu, ModbusFields.Quantity, adu.Quantity);
                break;
            case 20:
                AppendReadFileGroups(row, data);
                break;
            case 21:
                AppendWriteFileGroups(row, data);
                break;
            case 23:
                Set(row, "modbus.read_reference_num", adu, ModbusFields.ReadReferenceNumber, adu.ReadReferenceNumber);
                Set(row, "modbus.read_word_cnt", adu, ModbusFields.ReadQuantity, adu.ReadQuantity);
                Set(row, "modbus.write_reference_num", adu, ModbusFields.WriteReferenceNumber, adu.WriteReferenceNumber);
                Set(row, "modbus.write_word_cnt", adu, ModbusFields.WriteQuantity, adu.WriteQuantity);
                break;
            case 43:
                Set(row, "modbus.read_device_id", adu, ModbusFields.ReadDeviceIdCode, adu.ReadDeviceIdCode);
                Set(row, "modbus.object_id", adu, ModbusFields.ObjectId, adu.ObjectId);
                break;
        }
    }

    private static void FillResponse(TsvRow row, in ModbusAdu adu, ReadOnlySpan<byte> data)
    {
        switch (adu.Code)
        {
            case 17:
                // tshark shows the Report Server ID payload as data only.
                return;
            case 24:
                // The 16-bit byte count is modbus.byte_cnt_16, not a reference column.
                Set(row, "modbus.word_cnt", adu, ModbusFields.FifoCount, adu.FifoCount);
                return;
        }

        FillCommon(row, adu);
        switch (adu.Code)
        {
            case 15:
                Set(row, "modbus.bit_cnt", adu, ModbusFields.Quantity, adu.Quantity);
                break;
            case 16:
                Set(row, "modbus.word_cnt", adu, ModbusFields.Quantity, adu.Quantity);
                break;
            case 20:
                AppendReadFileResponseGroups(row, data);
                break;
            case 21:
                AppendWriteFileGroups(row, data);
                break;
            case 43:
                Set(row, "modbus.read_device_id", adu, ModbusFields.ReadDeviceIdCode, adu.ReadDeviceIdCode);
                if (adu.Has(ModbusFields.NumberOfObjects))
                {
                    AppendObjectIds(row, data, adu.NumberOfObjects);
                }

                break;
        }
    }

    // Fields that have the same column in requests and responses.
    private static void FillCommon(TsvRow row, in ModbusAdu adu)
    {
        Set(row, "modbus.reference_num", adu, ModbusFields.ReferenceNumber, adu.ReferenceNumber);
        Set(row, "modbus.byte_cnt", adu, ModbusFields.ByteCount, adu.ByteCount);
        Set(row, "modbus.mei", adu, ModbusFields.MeiType, adu.MeiType);
    }

    // FC20 request: byte count, then byte_count / 7 groups of reference type 1 | file 4 (as one) | record length 2.
    private static void AppendReadFileGroups(TsvRow row, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        int groups = data[0] / 7;
        for (int i = 0, offset = 1; i < groups; i++, offset += 7)
        {
            if (offset + 7 > data.Length)
            {
                return;
            }

            row.Append("modbus.word_cnt", Num(BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset + 5, 2))));
        }
    }

    // FC20 response: byte count, then groups of file response length 1 | reference type 1 | data (length - 1).
    private static void AppendReadFileResponseGroups(TsvRow row, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        int remaining = data[0];
        int offset = 1;
        while (remaining > 0 && offset < data.Length)
        {
            int groupLength = data[offset];
            row.Append("modbus.byte_cnt", Num(groupLength));
            if (offset + 2 > data.Length)
            {
                return;
            }

            offset += groupLength + 1;
            remaining -= groupLength + 1;
        }
    }

    // FC21 request and response: byte count, then groups of reference type 1 | file 4 | record length 2 | data.
    private static void AppendWriteFileGroups(TsvRow row, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        int remaining = data[0];
        int offset = 1;
        while (remaining > 0 && offset + 7 <= data.Length)
        {
            int words = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset + 5, 2));
            row.Append("modbus.word_cnt", Num(words));
            int groupLength = (2 * words) + 7;
            offset += groupLength;
            remaining -= groupLength;
        }
    }

    // 43/14 response objects as tshark lists them: an object's id is shown once its id and length bytes exist;
    // listing stops at the first object whose value overruns the PDU.
    private static void AppendObjectIds(TsvRow row, ReadOnlySpan<byte> data, int count)
    {
        int offset = 6;
        for (int i = 0; i < count; i++)
        {
            if (offset + 2 > data.Length)
            {
                return;
            }

            row.Append("modbus.object_id", Num(data[offset]));
            int length = data[offset + 1];
            offset += 2 + length;
            if (offset > data.Length)
            {
                return;
            }
        }
    }

    private static ReadOnlySpan<byte> PduData(in ModbusAdu adu, ReadOnlySpan<byte> aduBytes)
    {
        int end = Math.Min(aduBytes.Length, adu.Length + 6);
        const int dataStart = ModbusFraming.MbapLength + 1;
        return end > dataStart ? aduBytes[dataStart..end] : [];
    }

    private static void Set(TsvRow row, string column, in ModbusAdu adu, ModbusFields field, int value)
    {
        if (adu.Has(field))
        {
            row[column] = Num(value);
        }
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
