using System.Globalization;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Dissect;

/// <summary>
/// Turns decoded PDUs into the reference TSV (one row per PDU, in the frame where it completed). Rows of one frame
/// are ordered as the reference orders them (COTP connection TPDUs, then S7comm, then S7comm-plus) and numbered
/// by <c>pdu_in_frame</c>. Not the hot path: this is the human/diff output.
/// </summary>
public sealed class DissectSink : IPduSink
{
    private readonly DissectProtocol _protocol;
    private readonly TextWriter _output;
    private readonly List<(int Order, string[] Values)> _frameRows = [];
    private readonly TsvRow _row;
    private long _frame;
    private bool _frameMalformed;

    public DissectSink(DissectProtocol protocol, TextWriter output)
    {
        _protocol = protocol;
        _output = output;
        _row = new TsvRow(protocol == DissectProtocol.Modbus ? ModbusTsvFormatter.Columns : S7TsvFormatter.Columns);
    }

    public long RowsWritten { get; private set; }

    public void WriteHeader()
    {
        _output.Write(string.Join('\t', _row.Columns));
        _output.Write('\n');
    }

    public void OnModbus(in PduContext context, in ModbusAdu adu, ReadOnlySpan<byte> bytes, DecodeStatus status, ModbusMalformedReason reason, long requestFrame)
    {
        if (_protocol != DissectProtocol.Modbus)
        {
            return;
        }

        if (!ModbusTsvFormatter.IsShownByReference(in adu, bytes))
        {
            return;   // too short for tshark to give it a Modbus layer (counted as malformed all the same)
        }

        Begin(in context);
        ModbusTsvFormatter.Fill(_row, in adu, bytes);
        if (requestFrame > 0 && !adu.IsException)
        {
            _row["modbus.request_frame"] = requestFrame.ToString(CultureInfo.InvariantCulture);
        }

        _frameMalformed |= status == DecodeStatus.Malformed && ModbusTsvFormatter.IsMalformedByReference(reason);
        Add(0);
    }

    public void OnCotpConnection(in PduContext context, in CotpTpdu tpdu)
    {
        if (_protocol != DissectProtocol.S7)
        {
            return;
        }

        Begin(in context);
        _row["kind"] = tpdu.Type switch
        {
            CotpPduType.ConnectRequest => "cotp_CR",
            CotpPduType.ConnectConfirm => "cotp_CC",
            CotpPduType.DisconnectRequest => "cotp_DR",
            _ => "cotp_DC",
        };
        _row["cotp.src-tsap"] = FormatTsap(tpdu.SourceTsap);
        _row["cotp.dst-tsap"] = FormatTsap(tpdu.DestinationTsap);
        Add(0);
    }

    public void OnS7Comm(in PduContext context, ReadOnlySpan<byte> pdu, in S7Header header, in SzlReference szl)
    {
        if (_protocol != DissectProtocol.S7)
        {
            return;
        }

        Begin(in context);
        _row["kind"] = "s7comm";
        S7TsvFormatter.FillS7Comm(_row, pdu);
        if (header.RawRosctr == 7)
        {
            // The pipeline resolved the SZL id across split answers; the PDU's own bytes may be a later fragment's.
            _row["s7comm.data.userdata.szl_id"] = szl.Present ? $"0x{szl.Id:x4}" : string.Empty;
            _row["s7comm.data.userdata.szl_index"] = szl.Present ? $"0x{szl.Index:x4}" : string.Empty;
        }

        Add(1);
    }

    public void OnS7Plus(in PduContext context, in S7PlusHeader header, ReadOnlySpan<byte> payload)
    {
        if (_protocol != DissectProtocol.S7)
        {
            return;
        }

        Begin(in context);
        _row["kind"] = "s7commplus";
        S7TsvFormatter.FillS7Plus(_row, in header);
        Add(2);
    }

    public void OnMalformed(in PduContext context, ProtocolLayer layer, byte reason)
    {
        if (context.FrameNumber != _frame)
        {
            FlushFrame();
            _frame = context.FrameNumber;
        }

        _frameMalformed = true;
    }

    /// <summary>Writes the rows of the last frame.</summary>
    public void Complete() => FlushFrame();

    private void Begin(in PduContext context)
    {
        if (context.FrameNumber != _frame)
        {
            FlushFrame();
            _frame = context.FrameNumber;
        }

        _row.Clear();
        var ci = CultureInfo.InvariantCulture;
        _row["frame"] = context.FrameNumber.ToString(ci);
        long seconds = Math.DivRem(context.TimestampMicroseconds, 1_000_000, out long micros);
        _row["time_epoch"] = string.Create(ci, $"{seconds}.{micros:D6}000");
        _row["ip_src"] = context.Source.ToString();
        _row["ip_dst"] = context.Destination.ToString();
        _row["tcp_srcport"] = context.SourcePort.ToString(ci);
        _row["tcp_dstport"] = context.DestinationPort.ToString(ci);
        _row["tcp_stream"] = context.FlowId.ToString(ci);
    }

    private void Add(int order)
    {
        var values = new string[_row.Columns.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = _row[_row.Columns[i]];
        }

        _frameRows.Add((order, values));
    }

    private void FlushFrame()
    {
        if (_frameRows.Count == 0)
        {
            _frameMalformed = false;
            return;
        }

        // Stable order by kind (List.Sort is not stable).
        var ordered = _frameRows.Select((r, i) => (r, i)).OrderBy(x => x.r.Order).ThenBy(x => x.i).Select(x => x.r.Values).ToList();
        int pduIndex = Array.IndexOf(_row.Columns.ToArray(), "pdu_in_frame");
        int malformedIndex = Array.IndexOf(_row.Columns.ToArray(), "frame_malformed");
        for (int n = 0; n < ordered.Count; n++)
        {
            var values = ordered[n];
            values[pduIndex] = (n + 1).ToString(CultureInfo.InvariantCulture);
            values[malformedIndex] = _frameMalformed ? "1" : "0";
            _output.Write(string.Join('\t', values));
            _output.Write('\n');
            RowsWritten++;
        }

        _frameRows.Clear();
        _frameMalformed = false;
    }

    /// <summary>As tshark shows a TSAP: text when every byte is printable, else 0x followed by hex.</summary>
    internal static string FormatTsap(ReadOnlySpan<byte> tsap)
    {
        if (tsap.IsEmpty)
        {
            return string.Empty;
        }

        bool printable = true;
        foreach (byte b in tsap)
        {
            printable &= b is >= 0x20 and < 0x7F;
        }

        return printable ? System.Text.Encoding.ASCII.GetString(tsap) : "0x" + Convert.ToHexStringLower(tsap);
    }
}
