using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Dissect;
using EdgeSensor.Tests.Decoding.Modbus;
using static EdgeSensor.Tests.Decoding.Modbus.ModbusFixtures;

namespace EdgeSensor.Tests.Dissect;

/// <summary>Expected values are the rows of /work/shared/reference/dev/*.modbus.tsv for the fixture's frame.</summary>
public class ModbusTsvFormatterTests
{
    private static TsvRow Format(byte[] bytes, ModbusDirection direction)
    {
        var row = new TsvRow(ModbusTsvFormatter.Columns);
        row["tcp_srcport"] = direction == ModbusDirection.Response ? "502" : "47785";
        ModbusDecoder.TryDecode(bytes, direction, out ModbusAdu adu, out _);
        Assert.True(ModbusTsvFormatter.IsShownByReference(adu, bytes));
        ModbusTsvFormatter.Fill(row, adu, bytes);
        return row;
    }

    // Header columns and the three always-filled ones positionally, then every non-empty modbus.* field as name=value.
    private static string Modbus(TsvRow row)
    {
        var parts = new List<string>
        {
            row["mbtcp.trans_id"], row["mbtcp.prot_id"], row["mbtcp.len"], row["mbtcp.unit_id"],
            row["modbus.func_code"], row["raw_func_code"], row["is_response"],
        };
        foreach (string column in ModbusTsvFormatter.Columns)
        {
            if (column.StartsWith("modbus.", StringComparison.Ordinal) && column != "modbus.func_code" && row[column].Length > 0)
            {
                parts.Add($"{column["modbus.".Length..]}={row[column]}");
            }
        }

        return string.Join('|', parts);
    }

    [Fact]
    public void Columns_AreTheReferenceHeader()
    {
        string header = File.Exists("/work/shared/reference/dev/modbus_small_fc1-fc15.pcap.modbus.tsv")
            ? File.ReadLines("/work/shared/reference/dev/modbus_small_fc1-fc15.pcap.modbus.tsv").First()
            : string.Join('\t', ModbusTsvFormatter.Columns);
        Assert.Equal(header, string.Join('\t', ModbusTsvFormatter.Columns));
        Assert.Equal(29, ModbusTsvFormatter.Columns.Count);
    }

    [Theory]
    [InlineData(nameof(ReadCoilsRequest), ModbusDirection.Request, "1|0|6|1|1|1|0|reference_num=0|bit_cnt=3")]
    [InlineData(nameof(ReadCoilsResponse), ModbusDirection.Response, "1|0|4|1|1|1|1|byte_cnt=1")]
    [InlineData(nameof(WriteMultipleCoilsRequest), ModbusDirection.Request, "1|0|8|1|15|15|0|reference_num=0|bit_cnt=3|byte_cnt=1")]
    [InlineData(nameof(WriteMultipleCoilsResponse), ModbusDirection.Response, "1|0|6|1|15|15|1|reference_num=0|bit_cnt=3")]
    [InlineData(nameof(WriteMultipleRegistersRequest), ModbusDirection.Request, "14|0|15|7|16|16|0|reference_num=1|word_cnt=4|byte_cnt=8")]
    [InlineData(nameof(ReadHoldingResponse), ModbusDirection.Response, "1|0|7|10|3|3|1|byte_cnt=4")]
    [InlineData(nameof(WriteSingleCoil), ModbusDirection.Response, "1|0|6|10|5|5|1|reference_num=2")]
    [InlineData(nameof(MaskWriteRequest), ModbusDirection.Request, "18|0|8|4|22|22|0|reference_num=10")]
    [InlineData(nameof(ReadWriteRequest), ModbusDirection.Request, "21|0|17|6|23|23|0|byte_cnt=6|read_reference_num=1|read_word_cnt=4|write_reference_num=2|write_word_cnt=3")]
    [InlineData(nameof(ReadWriteResponse), ModbusDirection.Response, "21|0|11|6|23|23|1|byte_cnt=8")]
    [InlineData(nameof(ReadFifoRequest), ModbusDirection.Request, "22|0|4|10|24|24|0|reference_num=0")]
    [InlineData(nameof(ReadFifoResponse), ModbusDirection.Response, "22|0|6|10|24|24|1|word_cnt=0")]
    [InlineData(nameof(ReadDeviceIdRequest), ModbusDirection.Request, "23|0|5|1|43|43|0|mei=14|read_device_id=1|object_id=0")]
    [InlineData(nameof(ReadDeviceIdResponse), ModbusDirection.Response, "23|0|61|1|43|43|1|mei=14|read_device_id=1|object_id=0,1,2")]
    [InlineData(nameof(ReadDeviceIdNoObjects), ModbusDirection.Response, "0|0|12|0|43|43|1|mei=14|read_device_id=1")]
    [InlineData(nameof(ReadDeviceIdException), ModbusDirection.Response, "0|0|3|255|43|171|1|exception_code=4")]
    [InlineData(nameof(ReadWriteException), ModbusDirection.Response, "11|0|3|1|23|151|1|exception_code=10")]
    [InlineData(nameof(UmasRequest), ModbusDirection.Request, "0|0|4|0|90|90|0")]
    [InlineData(nameof(DiagnosticsRequest), ModbusDirection.Request, "12|0|6|2|8|8|0")]
    [InlineData(nameof(MaskWriteTruncated), ModbusDirection.Request, "0|0|6|1|22|22|0|reference_num=0")]
    [InlineData(nameof(ReadWriteTruncated), ModbusDirection.Request, "0|0|6|1|23|23|0|read_reference_num=0|read_word_cnt=0")]
    public void CaptureFrames_MatchReferenceRows(string fixture, ModbusDirection direction, string expected)
    {
        byte[] bytes = (byte[])typeof(ModbusFixtures).GetField(fixture)!.GetValue(null)!;
        Assert.Equal(expected, Modbus(Format(bytes, direction)));
    }

    [Fact]
    public void UnknownDirection_ShowsFunctionCodeOnly()
    {
        // scan_nmap-vs-conpot_ics-services-nonstd-ports.pcap frame 298 (port 5020 both ways): FC1, nothing else.
        var row = new TsvRow(ModbusTsvFormatter.Columns);
        row["tcp_srcport"] = "37374";
        ModbusDecoder.TryDecode(ReadCoilsRequest, ModbusDirection.Unknown, out ModbusAdu adu, out _);
        ModbusTsvFormatter.Fill(row, adu, ReadCoilsRequest);
        Assert.Equal("1|0|6|1|1|1|0", Modbus(row));
    }

    [Fact]
    public void Fc43WithOtherMei_ShowsMeiOnly()
    {
        // modbus_fuzz-72_malformed.pcap frame 16: 0000 | 0000 | 0006 | 01 | 2b | 00 MEI | 000000
        byte[] bytes = Hex("0000 0000 0006 01 2b 00 000000");
        Assert.Equal("0|0|6|1|43|43|0|mei=0", Modbus(Format(bytes, ModbusDirection.Request)));
    }

    [Fact]
    public void ExceptionCodeZero_IsDissectedAsTheMaskedFunction()
    {
        // 0001 | 0000 | 0006 | 01 | 83 | 00 0000 00: tshark sees exception code 0 as "no exception" and shows an FC3 response.
        byte[] bytes = Hex("0001 0000 0006 01 83 00 0000 00");
        Assert.Equal("1|0|6|1|3|3|1|byte_cnt=0", Modbus(Format(bytes, ModbusDirection.Response)));
    }

    [Theory]
    [InlineData("0001 0000 0002 01 83", false)] // exception without its code byte
    [InlineData("0001 0000 0002 01 2b", false)] // FC43 without MEI
    [InlineData("0001 0000 0003 01 08 00", false)] // FC8 with half a sub-function
    [InlineData("0001 0000 0002 01 11", true)] // FC17 request: no data is normal
    public void IsShownByReference_FollowsTsharkHeaderPreRead(string hex, bool shown)
    {
        byte[] bytes = Hex(hex);
        ModbusDecoder.TryDecode(bytes, ModbusDirection.Request, out ModbusAdu adu, out _);
        Assert.Equal(shown, ModbusTsvFormatter.IsShownByReference(adu, bytes));
    }

    [Theory]
    [InlineData(ModbusMalformedReason.TruncatedPdu, true)] // modbus_function-code-sweep frames 62, 64 are frame_malformed=1
    [InlineData(ModbusMalformedReason.ObjectListOverrun, true)]
    [InlineData(ModbusMalformedReason.QuantityOutOfRange, false)] // modbus_fuzz-1011 frame 1 (147 registers) is not
    [InlineData(ModbusMalformedReason.TrailingBytes, false)]
    [InlineData(ModbusMalformedReason.LengthTooLong, false)]
    [InlineData(ModbusMalformedReason.None, false)]
    public void IsMalformedByReference_OnlyForReadsPastTheEnd(ModbusMalformedReason reason, bool malformed)
    {
        Assert.Equal(malformed, ModbusTsvFormatter.IsMalformedByReference(reason));
    }
}
