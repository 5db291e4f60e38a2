using System.Text;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7Comm;
using static EdgeSensor.Tests.Decoding.S7Comm.S7Fixtures;

namespace EdgeSensor.Tests.Decoding.S7Comm;

public class S7CommReaderTests
{
    private static S7Pdu ReadOk(byte[] bytes)
    {
        var reader = new S7CommReader(bytes);
        DecodeStatus status = reader.TryRead(out S7Pdu pdu, out S7MalformedReason reason);
        Assert.Equal(S7MalformedReason.None, reason);
        Assert.Equal(DecodeStatus.Ok, status);
        return pdu;
    }

    private static string Ascii(ReadOnlySpan<byte> s) => Encoding.ASCII.GetString(s);

    // ---- valid ----

    [Fact]
    public void Setup_communication_job_and_ack_data()
    {
        S7Pdu job = ReadOk(SetupCommJob);
        Assert.True(job.HasFunction);
        Assert.Equal(S7Function.SetupCommunication, job.Function);
        Assert.Equal(1, job.MaxAmqCalling);
        Assert.Equal(1, job.MaxAmqCalled);
        Assert.Equal(480, job.PduLength);

        S7Pdu ack = ReadOk(SetupCommAckData);
        Assert.Equal(S7Rosctr.AckData, ack.Header.Rosctr);
        Assert.Equal(240, ack.PduLength);
    }

    [Fact]
    public void Read_var_job_enumerates_five_s7any_items()
    {
        S7Pdu pdu = ReadOk(ReadVarJob5Items);
        Assert.Equal(S7Function.ReadVar, pdu.Function);
        Assert.Equal(5, pdu.ItemCount);
        byte[] areas = new byte[5];
        ushort[] lengths = new ushort[5];
        int n = 0;
        foreach (S7RequestItem item in pdu.GetRequestItems())
        {
            Assert.True(item.IsS7Any);
            Assert.Equal(S7SyntaxId.S7Any, item.SyntaxId);
            Assert.Equal(0, item.DbNumber);
            Assert.Equal(0u, item.Address);
            areas[n] = item.Area;
            lengths[n] = item.Length;
            n++;
        }

        Assert.Equal(5, n);
        Assert.Equal(new byte[] { 0x83, 0x81, 0x82, 0x1d, 0x1c }, areas);
        Assert.Equal(new ushort[] { 16, 16, 16, 8, 8 }, lengths);
    }

    [Fact]
    public void Read_var_ack_data_enumerates_values()
    {
        S7Pdu pdu = ReadOk(ReadVarAckData5Items);
        int n = 0;
        foreach (S7DataItem item in pdu.GetDataItems())
        {
            Assert.Equal(S7DataItem.ReturnCodeSuccess, item.ReturnCode);
            Assert.Equal(16, item.Value.Length);
            n++;
        }

        Assert.Equal(5, n);
    }

    [Fact]
    public void Error_data_items_carry_no_value_whatever_their_length_says()
    {
        S7Pdu pdu = ReadOk(ReadVarAckDataErrors);
        S7DataItemEnumerator items = pdu.GetDataItems();
        int n = 0;
        while (items.MoveNext())
        {
            Assert.Equal(0x0a, items.Current.ReturnCode);
            Assert.True(items.Current.Value.IsEmpty);
            n++;
        }

        Assert.Equal(5, n);
        Assert.False(items.Truncated);
    }

    [Fact]
    public void Write_var_job_has_item_and_value()
    {
        S7Pdu pdu = ReadOk(WriteVarJob);
        Assert.Equal(S7Function.WriteVar, pdu.Function);
        S7RequestItemEnumerator items = pdu.GetRequestItems();
        Assert.True(items.MoveNext());
        Assert.Equal((byte)S7Area.Flags, items.Current.Area);
        Assert.Equal(4, items.Current.Length);
        Assert.False(items.MoveNext());

        S7DataItemEnumerator data = pdu.GetDataItems();
        Assert.True(data.MoveNext());
        Assert.Equal(S7DataItem.ReturnCodeReserved, data.Current.ReturnCode);
        Assert.Equal(new byte[] { 0xa9, 0x10, 0x00, 0x01 }, data.Current.Value.ToArray());
    }

    [Fact]
    public void Write_var_ack_data_has_one_return_code_per_item()
    {
        S7Pdu pdu = ReadOk(WriteVarAckData);
        var codes = new List<byte>();
        foreach (S7DataItem item in pdu.GetDataItems())
        {
            codes.Add(item.ReturnCode);
        }

        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0x03, 0x03 }, codes);
    }

    [Fact]
    public void Dbread_item_is_enumerated_but_not_s7any()
    {
        S7Pdu pdu = ReadOk(ReadVarDbRead);
        S7RequestItemEnumerator items = pdu.GetRequestItems();
        Assert.True(items.MoveNext());
        Assert.False(items.Current.IsS7Any);
        Assert.Equal(S7SyntaxId.DbRead, items.Current.SyntaxId);
        Assert.Equal(3, items.Current.DbReadAreaCount);
        Assert.Equal(3 * S7RequestItem.DbReadSubAreaLength, items.Current.DbReadAreas.Length);
        Assert.False(items.MoveNext());
    }

    [Theory]
    [InlineData(nameof(RequestDownloadJob), S7Function.RequestDownload, "_0800001P")]
    [InlineData(nameof(DownloadBlockJob), S7Function.DownloadBlock, "_0800001P")]
    [InlineData(nameof(DownloadEndedJob), S7Function.DownloadEnded, "_0A00001P")]
    [InlineData(nameof(StartUploadJob), S7Function.StartUpload, "_0B00000A")]
    [InlineData(nameof(UploadJob), S7Function.Upload, "")]
    [InlineData(nameof(StartUploadAckData), S7Function.StartUpload, "")]
    public void Block_functions_expose_the_file_name_on_jobs(string fixture, S7Function function, string fileName)
    {
        S7Pdu pdu = ReadOk(Fixture(fixture));
        Assert.Equal(function, pdu.Function);
        Assert.Equal(fileName, Ascii(pdu.FileName));
    }

    [Fact]
    public void Pi_service_exposes_service_name_and_parameter_block()
    {
        S7Pdu inse = ReadOk(PiServiceInse);
        Assert.Equal(S7Function.PiService, inse.Function);
        Assert.Equal("_INSE", Ascii(inse.ServiceName));
        Assert.Equal(10, inse.PiParameterBlock.Length);

        S7Pdu modu = ReadOk(PiServiceModu);
        Assert.Equal("_MODU", Ascii(modu.ServiceName));
        Assert.Equal("EP", Ascii(modu.PiParameterBlock));
    }

    [Fact]
    public void Plc_stop_exposes_service_name()
    {
        S7Pdu pdu = ReadOk(PlcStopJob);
        Assert.Equal(S7Function.PlcStop, pdu.Function);
        Assert.Equal("P_PROGRAM", Ascii(pdu.ServiceName));
    }

    [Fact]
    public void Ack_has_header_only()
    {
        S7Pdu pdu = ReadOk(AckWithError);
        Assert.False(pdu.HasFunction);
        Assert.Equal(0xd2, pdu.Header.ErrorClass);
    }

    [Fact]
    public void Szl_request_shows_id_and_index()
    {
        S7Pdu pdu = ReadOk(SzlRequest0011);
        Assert.True(pdu.IsUserdata);
        Assert.Equal(S7UserdataType.Request, pdu.UserdataType);
        Assert.Equal((byte)S7UserdataFunctionGroup.CpuFunctions, pdu.FunctionGroup);
        Assert.Equal(S7Pdu.SubfunctionReadSzl, pdu.Subfunction);
        Assert.False(pdu.HasDataUnit);
        Assert.True(pdu.IsSzlRead);
        Assert.True(pdu.TryGetSzlId(out ushort id, out ushort index));
        Assert.Equal(0x0011, id);
        Assert.Equal(0, index);
        Assert.False(pdu.TryGetSzlData(out _));
    }

    [Fact]
    public void Szl_response_enumerates_module_identification_records()
    {
        S7Pdu pdu = ReadOk(SzlResponse0011);
        Assert.Equal(S7UserdataType.Response, pdu.UserdataType);
        Assert.True(pdu.HasDataUnit);
        Assert.True(pdu.IsLastDataUnit);
        Assert.Equal(2, pdu.Sequence);
        Assert.True(pdu.TryGetSzlData(out S7SzlData szl));
        Assert.Equal(S7SzlData.ModuleIdentification, szl.SzlId);
        Assert.Equal(28, szl.RecordLength);
        Assert.Equal(4, szl.RecordCount);
        Assert.True(szl.IsComplete);
        var indexes = new List<int>();
        var orderNumbers = new List<string>();
        foreach (ReadOnlySpan<byte> record in szl.GetRecords())
        {
            Assert.Equal(28, record.Length);
            indexes.Add((record[0] << 8) | record[1]);
            orderNumbers.Add(Ascii(record.Slice(2, 20)).Trim());
        }

        Assert.Equal(new[] { 0x0001, 0x0006, 0x0007, 0x0081 }, indexes);
        Assert.Equal("6ES7 315-2EH14-0AB0", orderNumbers[0]);
        Assert.Equal("Boot Loader", orderNumbers[3]);
    }

    [Fact]
    public void First_szl_fragment_is_incomplete_and_shows_no_id_on_its_own()
    {
        S7Pdu pdu = ReadOk(SzlResponse0000First);
        Assert.True(pdu.IsFragment);
        Assert.False(pdu.IsLastDataUnit);
        Assert.False(pdu.TryGetSzlId(out _, out _));
        Assert.True(pdu.TryGetSzlData(out S7SzlData szl));
        Assert.Equal(112, szl.RecordCount);
        Assert.False(szl.IsComplete);
        int n = 0;
        foreach (ReadOnlySpan<byte> record in szl.GetRecords())
        {
            n++;
        }

        Assert.Equal(szl.RecordBytes.Length / 2, n);
    }

    [Fact]
    public void Time_and_security_userdata()
    {
        S7Pdu clock = ReadOk(ReadClockResponse);
        Assert.Equal((byte)S7UserdataFunctionGroup.TimeFunctions, clock.FunctionGroup);
        Assert.Equal(1, clock.Subfunction);
        Assert.Equal(10, clock.UserdataPayload.Length);

        S7Pdu request = ReadOk(ReadClockRequest);
        Assert.Equal(0x0a, request.UserdataReturnCode);
        Assert.True(request.UserdataPayload.IsEmpty);

        S7Pdu password = ReadOk(PasswordRequest);
        Assert.Equal((byte)S7UserdataFunctionGroup.Security, password.FunctionGroup);
        Assert.Equal(8, password.UserdataPayload.Length);
    }

    [Fact]
    public void Block_function_and_mode_transition_userdata()
    {
        S7Pdu list = ReadOk(ListBlocksRequest);
        Assert.Equal((byte)S7UserdataFunctionGroup.BlockFunctions, list.FunctionGroup);

        S7Pdu mode = ReadOk(ModeTransitionPush);
        Assert.Equal(S7UserdataType.Push, mode.UserdataType);
        Assert.Equal((byte)S7UserdataFunctionGroup.ModeTransition, mode.FunctionGroup);
        Assert.False(mode.HasDataUnit);      // the inner length byte says 16 but the part is 8 bytes
        Assert.False(mode.HasUserdataData);
    }

    // ---- malformed / truncated ----

    [Theory]
    [InlineData("32 01 0000 0200 0008", S7MalformedReason.HeaderTooShort)]
    [InlineData("32 01 0000 0200 0008 0000 f0 00 0001 0001 01", S7MalformedReason.ParameterLengthOverrun)] // 7 of 8 parameter bytes
    [InlineData("32 01 0000 0200 0002 0004 04 00 ff 09", S7MalformedReason.DataLengthOverrun)]             // 2 of 4 data bytes
    [InlineData("32 01 0000 0200 0004 0000 f0 00 0001", S7MalformedReason.ParameterTooShort)]               // setup comm, 4-byte parameter
    [InlineData("32 01 0000 0200 0001 0000 04", S7MalformedReason.ParameterTooShort)]                       // read var without count
    [InlineData("32 01 0000 0200 0005 0000 04 05 12 0a 10", S7MalformedReason.ItemCountOverrun)]            // 5 items in 3 bytes
    [InlineData("32 01 0000 0200 0008 0000 04 02 12 0a 10 02 00 10", S7MalformedReason.ItemTruncated)]      // 2 items, first cut
    [InlineData("32 01 0000 0200 000e 0004 05 01 12 0a 10 02 0004 0000 83 000000 00 04 0020", S7MalformedReason.DataItemTruncated)] // value missing
    [InlineData("32 03 0000 0200 0002 0002 0000 05 05 ff ff", S7MalformedReason.ItemCountOverrun)]         // 5 return codes, 2 present
    [InlineData("32 01 0000 0200 0009 0000 29 0000000000 09 505f", S7MalformedReason.NameLengthOverrun)]    // PLC stop name cut
    [InlineData("32 01 0000 0200 000c 0000 28 000000000000fd 0000 05 5f", S7MalformedReason.NameLengthOverrun)] // PI name cut
    [InlineData("32 01 0000 0200 000c 0000 28 000000000000fd 0010 05 5f", S7MalformedReason.NameLengthOverrun)] // PI block overruns
    [InlineData("32 01 0000 0200 0009 0000 1d 00 0000 00000000 09", S7MalformedReason.NameLengthOverrun)]   // file name missing
    [InlineData("32 07 0000 0200 0004 0000 000112 04", S7MalformedReason.UserdataParameterTooShort)]
    [InlineData("32 07 0000 0200 0008 0006 000112 04 11 44 01 00 ff 09 0004 00 11", S7MalformedReason.UserdataDataTruncated)]
    public void Malformed_pdus_name_the_reason(string hex, S7MalformedReason expected)
    {
        var reader = new S7CommReader(Hex(hex));
        Assert.Equal(DecodeStatus.Malformed, reader.TryRead(out _, out S7MalformedReason reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Malformed_pdu_still_exposes_the_header()
    {
        var reader = new S7CommReader(Hex("32 01 0000 1234 0008 0000 f0 00"));
        Assert.Equal(DecodeStatus.Malformed, reader.TryRead(out S7Pdu pdu, out _));
        Assert.Equal(0x1234, pdu.Header.PduReference);
    }

    [Fact]
    public void Every_strict_prefix_of_a_valid_pdu_is_malformed_never_ok()
    {
        foreach (byte[] fixture in AllFixtures())
        {
            for (int n = 1; n < fixture.Length; n++)
            {
                var reader = new S7CommReader(fixture.AsSpan(0, n));
                Assert.Equal(DecodeStatus.Malformed, reader.TryRead(out _, out S7MalformedReason reason));
                Assert.NotEqual(S7MalformedReason.None, reason);
            }
        }
    }

    [Fact]
    public void Every_fixture_decodes_ok()
    {
        foreach (byte[] fixture in AllFixtures())
        {
            ReadOk(fixture);
        }
    }

    [Fact]
    public void Other_protocols_are_not_this_protocol()
    {
        var reader = new S7CommReader(Hex("72 01 0004 31 00"));
        Assert.Equal(DecodeStatus.NotThisProtocol, reader.TryRead(out _, out _));
    }

    internal static IEnumerable<byte[]> AllFixtures()
    {
        foreach (System.Reflection.FieldInfo f in typeof(S7Fixtures).GetFields())
        {
            if (f.GetValue(null) is byte[] bytes)
            {
                yield return bytes;
            }
        }
    }

    private static byte[] Fixture(string name) => (byte[])typeof(S7Fixtures).GetField(name)!.GetValue(null)!;
}
