using System.Globalization;
using System.Text;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;

namespace EdgeSensor.Dissect;

/// <summary>
/// Writes the s7comm.* and s7p.* columns of <c>edge-sensor dissect --protocol s7</c> exactly as the tshark 4.0
/// reference (reference/tools/ref.py) prints them: hex "0x.." where tshark shows hex, decimal elsewhere, several
/// values of one field in one PDU joined with ',' in PDU order. Not on the capture hot path: strings are fine here.
/// </summary>
public static class S7TsvFormatter
{
    private static readonly string[] ColumnNames =
    [
        "frame", "time_epoch", "ip_src", "ip_dst", "tcp_srcport", "tcp_dstport", "tcp_stream", "pdu_in_frame", "kind",
        "cotp.src-tsap", "cotp.dst-tsap",
        "s7comm.header.rosctr", "s7comm.header.pduref", "s7comm.header.errcls", "s7comm.header.errcod",
        "s7comm.param.func", "s7comm.param.itemcount", "s7comm.param.pdu_length",
        "s7comm.param.userdata.type", "s7comm.param.userdata.funcgroup", "s7comm.param.userdata.subfunc",
        "s7comm.data.userdata.szl_id", "s7comm.data.userdata.szl_index",
        "s7comm.param.item.area", "s7comm.param.item.db", "s7comm.param.item.address", "s7comm.param.item.transp_size",
        "s7comm.param.item.length", "s7comm.data.returncode",
        "s7comm.param.pistart.servicename", "s7comm.param.blockcontrol.filename",
        "s7p.version", "s7p.data_len", "s7p.fragment", "s7p.opcode", "s7p.function", "s7p.function_name", "s7p.seqnum",
        "frame_malformed",
    ];

    // PI services whose parameter block is a block list: count (1), unknown (1), count x 8-character file names
    // (block type 2, block number 5, destination file system 1), e.g. "0A00001P".
    private const int PiBlockListHeadLength = 2;
    private const int PiBlockFileNameLength = 8;

    /// <summary>The reference's header line, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = Array.AsReadOnly(ColumnNames);

    /// <summary>Fills the s7comm.* columns from one complete S7 PDU, without userdata reassembly.</summary>
    public static void FillS7Comm(TsvRow row, ReadOnlySpan<byte> s7Pdu)
    {
        var state = default(S7UserdataFragmentState);
        FillS7Comm(row, s7Pdu, ref state);
    }

    /// <summary>
    /// Fills the s7comm.* columns from one complete S7 PDU; <paramref name="userdataState"/> (one per TCP direction)
    /// lets the last fragment of a split SZL answer show the SZL id of its first fragment, as tshark does.
    /// </summary>
    public static void FillS7Comm(TsvRow row, ReadOnlySpan<byte> s7Pdu, ref S7UserdataFragmentState userdataState)
    {
        ArgumentNullException.ThrowIfNull(row);
        var reader = new S7CommReader(s7Pdu);
        DecodeStatus status = reader.TryRead(out S7Pdu pdu, out _);
        if (status is DecodeStatus.NotThisProtocol or DecodeStatus.NeedMoreData
            || (status == DecodeStatus.Malformed && pdu.Header.RawRosctr == 0))
        {
            return;
        }

        S7Header header = pdu.Header;
        row["s7comm.header.rosctr"] = Dec(header.RawRosctr);
        row["s7comm.header.pduref"] = Dec(header.PduReference);
        if (header.HasError)
        {
            row["s7comm.header.errcls"] = Hex2(header.ErrorClass);
            row["s7comm.header.errcod"] = Hex2(header.ErrorCode);
        }

        if (pdu.HasFunction)
        {
            row["s7comm.param.func"] = Hex2(pdu.RawFunction);
            if (pdu.RawFunction == (byte)S7Function.SetupCommunication && pdu.Parameter.Length >= S7CommReader.SetupCommunicationParameterLength)
            {
                row["s7comm.param.pdu_length"] = Dec(pdu.PduLength);
            }
        }

        if (pdu.IsUserdata)
        {
            row["s7comm.param.userdata.type"] = Dec(pdu.RawUserdataType);
            row["s7comm.param.userdata.funcgroup"] = Dec(pdu.FunctionGroup);
            // Function group 0 (mode transition) shows the byte as "current mode", not as a subfunction.
            if (pdu.FunctionGroup != (byte)S7UserdataFunctionGroup.ModeTransition)
            {
                row["s7comm.param.userdata.subfunc"] = Dec(pdu.Subfunction);
            }

            if (userdataState.TryGetSzlId(pdu, out ushort szlId, out ushort szlIndex))
            {
                row["s7comm.data.userdata.szl_id"] = Hex4(szlId);
                row["s7comm.data.userdata.szl_index"] = Hex4(szlIndex);
            }

            if (pdu.HasUserdataData)
            {
                row.Append("s7comm.data.returncode", Hex2(pdu.UserdataReturnCode));
            }
        }

        if (pdu.HasItemCount)
        {
            row["s7comm.param.itemcount"] = Dec(pdu.ItemCount);
        }

        foreach (S7RequestItem item in pdu.GetRequestItems())
        {
            if (!item.IsS7Any)
            {
                continue;
            }

            row.Append("s7comm.param.item.area", Hex2(item.Area));
            row.Append("s7comm.param.item.db", Dec(item.DbNumber));
            row.Append("s7comm.param.item.address", "0x" + item.Address.ToString("x6", CultureInfo.InvariantCulture));
            row.Append("s7comm.param.item.transp_size", Dec(item.TransportSize));
            row.Append("s7comm.param.item.length", Dec(item.Length));
        }

        foreach (S7DataItem item in pdu.GetDataItems())
        {
            row.Append("s7comm.data.returncode", Hex2(item.ReturnCode));
        }

        if (!pdu.ServiceName.IsEmpty)
        {
            row["s7comm.param.pistart.servicename"] = Text(pdu.ServiceName);
            AppendPiBlockFileNames(row, pdu);
        }

        if (!pdu.FileName.IsEmpty)
        {
            row.Append("s7comm.param.blockcontrol.filename", Text(pdu.FileName));
        }
    }

    /// <summary>Fills the s7p.* columns from the header <see cref="S7PlusDecoder.TryRead"/> produced.</summary>
    public static void FillS7Plus(TsvRow row, in S7PlusHeader header)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (header.HasVersion)
        {
            row["s7p.version"] = Hex2(header.Version);
        }

        if (header.HasDataLength)
        {
            row["s7p.data_len"] = Dec(header.DataLength);
        }

        row["s7p.fragment"] = header.Fragment switch
        {
            S7PlusFragment.Single => "single",
            S7PlusFragment.First => "first",
            S7PlusFragment.Middle => "middle",
            S7PlusFragment.Last => "last",
            S7PlusFragment.KeepAlive => "keepalive",
            S7PlusFragment.ExtendedKeepAlive => "extkeepalive",
            _ => "short",
        };

        if (header.HasOpcode)
        {
            row["s7p.opcode"] = Hex2(header.Opcode);
        }

        if (header.HasFunction)
        {
            row["s7p.function"] = "0x" + header.Function.ToString("x4", CultureInfo.InvariantCulture);
            S7PlusFunction kind = header.FunctionKind;
            row["s7p.function_name"] = kind == S7PlusFunction.Unknown ? string.Empty : kind.ToString();
            row["s7p.seqnum"] = Dec(header.SequenceNumber);
        }
    }

    private static void AppendPiBlockFileNames(TsvRow row, S7Pdu pdu)
    {
        ReadOnlySpan<byte> name = pdu.ServiceName;
        bool blockList = name.SequenceEqual("_INSE"u8) || name.SequenceEqual("_DELE"u8);
        ReadOnlySpan<byte> block = pdu.PiParameterBlock;
        if (!blockList || block.Length < PiBlockListHeadLength)
        {
            return;
        }

        int count = block[0];
        for (int i = 0; i < count; i++)
        {
            int start = PiBlockListHeadLength + (i * PiBlockFileNameLength);
            if (start + PiBlockFileNameLength > block.Length)
            {
                break;
            }

            row.Append("s7comm.param.blockcontrol.filename", Text(block.Slice(start, PiBlockFileNameLength)));
        }
    }

    private static string Dec(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hex2(byte value) => "0x" + value.ToString("x2", CultureInfo.InvariantCulture);

    private static string Hex4(ushort value) => "0x" + value.ToString("x4", CultureInfo.InvariantCulture);

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
