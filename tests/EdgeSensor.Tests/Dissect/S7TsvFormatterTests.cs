using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Dissect;
using EdgeSensor.Tests.Decoding.S7Comm;
using EdgeSensor.Tests.Decoding.S7CommPlus;

namespace EdgeSensor.Tests.Dissect;

/// <summary>Expected values are the rows of /work/shared/reference/dev/*.s7.tsv for the same frames.</summary>
public class S7TsvFormatterTests
{
    private static TsvRow S7(byte[] pdu)
    {
        var row = new TsvRow(S7TsvFormatter.Columns);
        S7TsvFormatter.FillS7Comm(row, pdu);
        return row;
    }

    [Fact]
    public void Columns_are_the_reference_header_line()
    {
        Assert.Equal(39, S7TsvFormatter.Columns.Count);
        Assert.Equal("frame", S7TsvFormatter.Columns[0]);
        Assert.Equal("s7comm.header.rosctr", S7TsvFormatter.Columns[11]);
        Assert.Equal("s7p.version", S7TsvFormatter.Columns[31]);
        Assert.Equal("frame_malformed", S7TsvFormatter.Columns[^1]);
    }

    [Fact]
    public void Setup_communication_ack_data()
    {
        TsvRow row = S7(S7Fixtures.SetupCommAckData);
        Assert.Equal("3", row["s7comm.header.rosctr"]);
        Assert.Equal("512", row["s7comm.header.pduref"]);
        Assert.Equal("0x00", row["s7comm.header.errcls"]);
        Assert.Equal("0x00", row["s7comm.header.errcod"]);
        Assert.Equal("0xf0", row["s7comm.param.func"]);
        Assert.Equal("240", row["s7comm.param.pdu_length"]);
        Assert.Equal(string.Empty, row["s7comm.param.itemcount"]);
    }

    [Fact]
    public void Read_var_items_are_joined_in_pdu_order()
    {
        // snap7 capture frame 55.
        TsvRow row = S7(S7Fixtures.ReadVarJob5Items);
        Assert.Equal("0x04", row["s7comm.param.func"]);
        Assert.Equal("5", row["s7comm.param.itemcount"]);
        Assert.Equal("0x83,0x81,0x82,0x1d,0x1c", row["s7comm.param.item.area"]);
        Assert.Equal("0,0,0,0,0", row["s7comm.param.item.db"]);
        Assert.Equal("0x000000,0x000000,0x000000,0x000000,0x000000", row["s7comm.param.item.address"]);
        Assert.Equal("2,2,2,29,28", row["s7comm.param.item.transp_size"]);
        Assert.Equal("16,16,16,8,8", row["s7comm.param.item.length"]);
        Assert.Equal(string.Empty, row["s7comm.data.returncode"]);
    }

    [Fact]
    public void Write_var_request_and_response_return_codes()
    {
        Assert.Equal("0x00", S7(S7Fixtures.WriteVarJob)["s7comm.data.returncode"]);
        Assert.Equal("0xff,0xff,0xff,0x03,0x03", S7(S7Fixtures.WriteVarAckData)["s7comm.data.returncode"]);
        Assert.Equal("0x0a,0x0a,0x0a,0x0a,0x0a", S7(S7Fixtures.ReadVarAckDataErrors)["s7comm.data.returncode"]);
    }

    [Fact]
    public void Pi_service_plc_stop_and_block_names()
    {
        TsvRow inse = S7(S7Fixtures.PiServiceInse);
        Assert.Equal("_INSE", inse["s7comm.param.pistart.servicename"]);
        Assert.Equal("0A00001P", inse["s7comm.param.blockcontrol.filename"]);
        Assert.Equal("_MODU", S7(S7Fixtures.PiServiceModu)["s7comm.param.pistart.servicename"]);
        Assert.Equal(string.Empty, S7(S7Fixtures.PiServiceModu)["s7comm.param.blockcontrol.filename"]);
        Assert.Equal("P_PROGRAM", S7(S7Fixtures.PlcStopJob)["s7comm.param.pistart.servicename"]);
        Assert.Equal("_0B00000A", S7(S7Fixtures.StartUploadJob)["s7comm.param.blockcontrol.filename"]);
    }

    [Fact]
    public void Ack_shows_error_class_and_code_only()
    {
        TsvRow row = S7(S7Fixtures.AckWithError);
        Assert.Equal("2", row["s7comm.header.rosctr"]);
        Assert.Equal("0xd2", row["s7comm.header.errcls"]);
        Assert.Equal("0x0c", row["s7comm.header.errcod"]);
        Assert.Equal(string.Empty, row["s7comm.param.func"]);
    }

    [Fact]
    public void Userdata_szl_and_mode_transition()
    {
        TsvRow szl = S7(S7Fixtures.SzlResponse0011);
        Assert.Equal("8", szl["s7comm.param.userdata.type"]);
        Assert.Equal("4", szl["s7comm.param.userdata.funcgroup"]);
        Assert.Equal("1", szl["s7comm.param.userdata.subfunc"]);
        Assert.Equal("0x0011", szl["s7comm.data.userdata.szl_id"]);
        Assert.Equal("0x0000", szl["s7comm.data.userdata.szl_index"]);
        Assert.Equal("0xff", szl["s7comm.data.returncode"]);

        TsvRow mode = S7(S7Fixtures.ModeTransitionPush);
        Assert.Equal("0", mode["s7comm.param.userdata.type"]);
        Assert.Equal("0", mode["s7comm.param.userdata.funcgroup"]);
        Assert.Equal(string.Empty, mode["s7comm.param.userdata.subfunc"]);
        Assert.Equal(string.Empty, mode["s7comm.data.returncode"]);
    }

    [Fact]
    public void Szl_fragments_with_state_match_the_reference()
    {
        // s7comm_read-set-plc-clock.pcap frames 16 and 19 (same direction): no id on the first, the first's id on the last.
        var state = default(S7UserdataFragmentState);
        var row = new TsvRow(S7TsvFormatter.Columns);
        S7TsvFormatter.FillS7Comm(row, S7Fixtures.SzlResponse0000First, ref state);
        Assert.Equal(string.Empty, row["s7comm.data.userdata.szl_id"]);
        row.Clear();
        S7TsvFormatter.FillS7Comm(row, S7Fixtures.SzlResponse0000Last, ref state);
        Assert.Equal("0x0000", row["s7comm.data.userdata.szl_id"]);
        Assert.Equal("0x0000", row["s7comm.data.userdata.szl_index"]);
    }

    [Fact]
    public void Non_s7_bytes_leave_the_row_empty()
    {
        TsvRow row = S7([0x72, 0x01, 0x00, 0x00]);
        Assert.All(S7TsvFormatter.Columns, c => Assert.Equal(string.Empty, row[c]));
    }

    [Fact]
    public void S7plus_single_and_continuations()
    {
        var state = default(S7PlusFragmentState);
        var row = new TsvRow(S7TsvFormatter.Columns);
        S7PlusDecoder.TryRead(S7PlusFixtures.V3ExploreRequest, ref state, out S7PlusHeader h, out _);
        S7TsvFormatter.FillS7Plus(row, h);
        Assert.Equal("0x03", row["s7p.version"]);
        Assert.Equal("63", row["s7p.data_len"]);
        Assert.Equal("single", row["s7p.fragment"]);
        Assert.Equal("0x31", row["s7p.opcode"]);
        Assert.Equal("0x04bb", row["s7p.function"]);
        Assert.Equal("Explore", row["s7p.function_name"]);
        Assert.Equal("40", row["s7p.seqnum"]);

        row.Clear();
        S7PlusDecoder.TryRead(S7PlusFixtures.FragmentFirst, ref state, out h, out _);
        S7PlusDecoder.TryRead(S7PlusFixtures.FragmentMiddle, ref state, out h, out _);
        S7TsvFormatter.FillS7Plus(row, h);
        Assert.Equal("middle", row["s7p.fragment"]);
        Assert.Equal(string.Empty, row["s7p.opcode"]);
        Assert.Equal(string.Empty, row["s7p.function"]);

        row.Clear();
        S7PlusDecoder.TryRead(S7PlusFixtures.KeepAlive, ref state, out h, out _);
        S7TsvFormatter.FillS7Plus(row, h);
        Assert.Equal("0xff", row["s7p.version"]);
        Assert.Equal("keepalive", row["s7p.fragment"]);
        Assert.Equal(string.Empty, row["s7p.data_len"]);
    }
}
