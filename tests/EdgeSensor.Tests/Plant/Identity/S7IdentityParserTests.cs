using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant.Identity;
using static EdgeSensor.Tests.Decoding.S7Comm.S7Fixtures;
using static EdgeSensor.Tests.Plant.Identity.IdentityFixtures;

namespace EdgeSensor.Tests.Plant.Identity;

public sealed class S7IdentityParserTests
{
    private static bool Apply(S7DeviceIdentity identity, byte[] bytes, long time = 1, int flow = 0, SzlReference szl = default)
    {
        var reader = new S7CommReader(bytes);
        Assert.Equal(DecodeStatus.Ok, reader.TryRead(out S7Pdu pdu, out _));
        return S7IdentityParser.Apply(identity, pdu, szl, time, flow);
    }

    // ---- valid

    [Fact]
    public void Module_identification_gives_order_number_and_versions()
    {
        // snap7 capture frame 4 (S7Fixtures.SzlResponse0011): firmware Ausbg 0x5603, Ausbe 0x0207.
        using var plc = new S7DeviceIdentity();
        Assert.True(Apply(plc, SzlResponse0011, time: 42));
        Assert.Equal("6ES7 315-2EH14-0AB0", plc.OrderNumber);
        Assert.Equal("3", plc.HardwareVersion);
        Assert.Equal("V3.2.7", plc.FirmwareVersion);
        Assert.Equal(42, plc.IdentityChangedMicros);

        // The same answer again changes nothing and keeps the same string instances.
        string order = plc.OrderNumber!;
        int version = plc.Version;
        Assert.False(Apply(plc, SzlResponse0011, time: 43));
        Assert.Same(order, plc.OrderNumber);
        Assert.Equal(version, plc.Version);
        Assert.Equal(42, plc.IdentityChangedMicros);
    }

    [Fact]
    public void Version_format()
    {
        Assert.Equal("V3.2.6", S7IdentityModuleRecord.FormatVersion(0x5603, 0x0206));
        Assert.Equal("V4.5.12", S7IdentityModuleRecord.FormatVersion(0x5604, 0x050c));
        Assert.Equal("3", S7IdentityModuleRecord.FormatVersion(3, 1));
    }

    [Fact]
    public void Split_component_answer_is_joined()
    {
        byte[] payload = SzlPayload(0x001C, 34,
            ComponentRecord(1, "PLANT-A PLC"u8), ComponentRecord(2, "CPU 1"u8), ComponentRecord(5, "S C-X1234"u8));
        using var plc = new S7DeviceIdentity();
        Assert.False(Apply(plc, SzlResponse(payload.AsSpan(0, 50), dataUnitReference: 7, last: false)));
        Assert.Equal(1, plc.PendingAnswers);
        Assert.Null(plc.PlcName);
        Assert.True(Apply(plc, SzlResponse(payload.AsSpan(50), dataUnitReference: 7, last: true), szl: new SzlReference(true, 0x001C, 0)));
        Assert.Equal("PLANT-A PLC", plc.PlcName);
        Assert.Equal("CPU 1", plc.ModuleName);
        Assert.Equal("S C-X1234", plc.SerialNumber);
    }

    [Fact]
    public void Split_answers_of_two_connections_do_not_mix()
    {
        byte[] a = SzlPayload(0x001C, 34, ComponentRecord(1, "FROM-FLOW-1"u8));
        byte[] b = SzlPayload(0x001C, 34, ComponentRecord(1, "FROM-FLOW-2"u8));
        using var plc = new S7DeviceIdentity();
        Apply(plc, SzlResponse(a.AsSpan(0, 20), 5, last: false), flow: 1);
        Apply(plc, SzlResponse(b.AsSpan(0, 20), 5, last: false), flow: 2);
        Assert.Equal(2, plc.PendingAnswers);
        Assert.True(Apply(plc, SzlResponse(b.AsSpan(20), 5), flow: 2));
        Assert.Equal("FROM-FLOW-2", plc.PlcName);
        Assert.True(Apply(plc, SzlResponse(a.AsSpan(20), 5), flow: 1));
        Assert.Equal("FROM-FLOW-1", plc.PlcName);
        Apply(plc, SzlResponse0011);
        Assert.Equal(0, plc.PendingAnswers);
    }

    [Theory]
    [InlineData(0x08, S7OperatingState.Run)]
    [InlineData(0x84, S7OperatingState.Stop)]     // previous RUN, requested STOP (internal)
    [InlineData(0x01, S7OperatingState.Stop)]
    [InlineData(0x15, S7OperatingState.Startup)]
    [InlineData(0x06, S7OperatingState.Startup)]
    [InlineData(0x0a, S7OperatingState.Hold)]
    [InlineData(0x0d, S7OperatingState.Defect)]
    [InlineData(0x00, S7OperatingState.Unknown)]
    [InlineData(0x0f, S7OperatingState.Unknown)]
    public void Mode_transition_gives_the_operating_state(byte bzuId, S7OperatingState state)
    {
        using var plc = new S7DeviceIdentity();
        Apply(plc, SzlResponse(SzlPayload(0x0424, 20, ModeRecord(bzuId))), time: 7);
        Assert.Equal(state, plc.OperatingState);
        Assert.Equal(bzuId & 0x0F, plc.RawOperatingState);
        Assert.Equal(S7OperatingStateSource.SzlModeTransition, plc.OperatingStateSource);
        Assert.Equal(7, plc.OperatingStateSinceMicros);
    }

    [Fact]
    public void State_since_moves_only_on_change()
    {
        using var plc = new S7DeviceIdentity();
        byte[] run = SzlResponse(SzlPayload(0x0424, 20, ModeRecord(0x08)));
        Assert.True(Apply(plc, run, time: 10));
        Assert.False(Apply(plc, run, time: 20));
        Assert.Equal(10, plc.OperatingStateSinceMicros);
        Assert.Equal(20, plc.OperatingStateSeenMicros);
        Assert.True(Apply(plc, ModeTransitionPush, time: 30)); // push: current mode STOP
        Assert.Equal(S7OperatingState.Stop, plc.OperatingState);
        Assert.Equal(30, plc.OperatingStateSinceMicros);
    }

    [Fact]
    public void Stop_and_start_jobs_are_recorded_and_acknowledged()
    {
        using var plc = new S7DeviceIdentity();
        Assert.True(Apply(plc, PlcStopJob, time: 5)); // function 0x29 (snap7 names it "P_PROGRAM" too)
        Assert.Equal(S7PlcCommand.Stop, plc.LastCommand);
        Assert.False(plc.LastCommandAcknowledged);
        Assert.True(Apply(plc, Hex("32 03 | 0000 | 1c00 | 0001 | 0000 | 00 00 | 29")));
        Assert.True(plc.LastCommandAcknowledged);

        Assert.False(Apply(plc, PiServiceModu)); // _MODU is no start
        Assert.Equal(S7PlcCommand.Stop, plc.LastCommand);

        // snap7 capture frame 63: PI service P_PROGRAM with parameter block "C ".
        byte[] start = Hex("32 01 | 0000 | 1f00 | 0016 | 0000 | 28 | 000000000000fd | 0002 | 4320 | 09 | 505f50524f4752414d");
        Assert.True(Apply(plc, start, time: 9));
        Assert.Equal(S7PlcCommand.Start, plc.LastCommand);
        Assert.Equal(9, plc.LastCommandMicros);
        // An Ack_Data with an error does not acknowledge it.
        Assert.False(Apply(plc, Hex("32 03 | 0000 | 1f00 | 0001 | 0000 | d2 a9 | 28")));
        Assert.False(plc.LastCommandAcknowledged);
    }

    [Fact]
    public void Repeated_answers_allocate_nothing()
    {
        byte[] component = SzlPayload(0x001C, 34, ComponentRecord(1, "PLC"u8), ComponentRecord(5, "S C-1"u8));
        byte[][] pdus =
        [
            SzlResponse0011,
            SzlResponse(component),
            SzlResponse(component.AsSpan(0, 30).ToArray(), 4, last: false),
            SzlResponse(component.AsSpan(30).ToArray(), 4),
            SzlResponse(SzlPayload(0x0424, 20, ModeRecord(0x08))),
            ModeTransitionPush,
        ];
        using var plc = new S7DeviceIdentity();
        foreach (byte[] pdu in pdus)
        {
            Apply(plc, pdu);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 50; round++)
        {
            foreach (byte[] pdu in pdus)
            {
                var reader = new S7CommReader(pdu);
                reader.TryRead(out S7Pdu s7, out _);
                S7IdentityParser.Apply(plc, s7, default, round, 0);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("PLC", plc.PlcName);
    }

    // ---- incomplete / malformed / hostile

    [Fact]
    public void Hostile_strings_are_sanitised_and_bounded()
    {
        byte[] name = "  EVIL\u001b[31mPLC\r\n"u8.ToArray();
        byte[] payload = SzlPayload(0x001C, 34,
            ComponentRecord(1, name),
            ComponentRecord(3, "\u00ff\u00feTAG"u8.ToArray()),
            ComponentRecord(7, new byte[32].Select(_ => (byte)'A').ToArray()));
        using var plc = new S7DeviceIdentity();
        Apply(plc, SzlResponse(payload));
        Assert.Equal("EVIL\uFFFD[31mPLC", plc.PlcName);
        Assert.Equal(new string('A', 32), plc.ModuleTypeName);
        Assert.DoesNotContain(plc.PlantId!, c => c < 0x20);
    }

    [Fact]
    public void Wrong_record_length_and_truncated_records_are_ignored()
    {
        using var plc = new S7DeviceIdentity();
        // Records of 10 bytes cannot be module identification records.
        Assert.False(Apply(plc, SzlResponse(SzlPayload(0x0011, 10, new byte[10], new byte[10]))));
        // Announces 4 records of 28 bytes, carries 1.5 (not split): the complete first record counts.
        byte[] full = SzlResponse0011;
        var reader = new S7CommReader(full);
        reader.TryRead(out S7Pdu pdu, out _);
        byte[] cut = SzlResponse(pdu.UserdataPayload.Slice(0, 8 + 42).ToArray());
        Assert.True(Apply(plc, cut));
        Assert.Equal("6ES7 315-2EH14-0AB0", plc.OrderNumber);
        Assert.Null(plc.FirmwareVersion);
    }

    [Fact]
    public void Error_answers_and_requests_change_nothing()
    {
        using var plc = new S7DeviceIdentity();
        Assert.False(Apply(plc, SzlResponse(SzlPayload(0x0424, 20, ModeRecord(0x08)), returnCode: 0x0a)));
        Assert.False(Apply(plc, SzlRequest0011));
        Assert.False(Apply(plc, ReadClockResponse));
        Assert.Equal(0, plc.Version);
    }

    [Fact]
    public void A_lost_last_fragment_leaves_a_bounded_pending_answer()
    {
        byte[] payload = SzlPayload(0x001C, 34, ComponentRecord(1, "A"u8), ComponentRecord(2, "B"u8));
        using var plc = new S7DeviceIdentity();
        for (byte r = 1; r < 10; r++)
        {
            Apply(plc, SzlResponse(payload.AsSpan(0, 30), r, last: false));
        }

        Assert.Equal(SzlAnswerAssembler.Capacity, plc.PendingAnswers);
        // A last fragment whose first was evicted (reference 1) or never seen is not parsed.
        Assert.False(Apply(plc, SzlResponse(payload.AsSpan(30), 1)));
        Assert.Null(plc.PlcName);
        plc.Dispose();
        Assert.Equal(0, plc.PendingAnswers);
    }

    [Fact]
    public void Joined_answer_with_a_missing_middle_is_rejected()
    {
        byte[] payload = SzlPayload(0x001C, 34, ComponentRecord(1, "A"u8), ComponentRecord(2, "B"u8), ComponentRecord(5, "C"u8));
        using var plc = new S7DeviceIdentity();
        Apply(plc, SzlResponse(payload.AsSpan(0, 40), 3, last: false));
        // the middle part (40..80) is lost
        Assert.False(Apply(plc, SzlResponse(payload.AsSpan(80), 3)));
        Assert.Null(plc.PlcName);
        Assert.Equal(0, plc.PendingAnswers);
    }

    [Fact]
    public void Oversized_split_answers_are_abandoned()
    {
        byte[] chunk = new byte[900];
        chunk[1] = 0x1C; // SZL id 0x001C
        using var plc = new S7DeviceIdentity();
        Apply(plc, SzlResponse(chunk, 9, last: false));
        Apply(plc, SzlResponse(chunk, 9, last: false));
        Assert.Equal(1, plc.PendingAnswers);
        Apply(plc, SzlResponse(chunk, 9, last: false)); // 2700 > MaxAnswerLength
        Assert.Equal(0, plc.PendingAnswers);
    }

    [Fact]
    public void Split_answers_of_other_szl_ids_are_not_buffered()
    {
        using var plc = new S7DeviceIdentity();
        Assert.False(Apply(plc, SzlResponse0000First));
        Assert.Equal(0, plc.PendingAnswers);
        Assert.False(Apply(plc, SzlResponse0000Last));
    }

    [Fact]
    public void Random_userdata_never_throws()
    {
        var random = new Random(1234);
        using var plc = new S7DeviceIdentity();
        for (int i = 0; i < 5000; i++)
        {
            byte[] payload = new byte[random.Next(0, 400)];
            random.NextBytes(payload);
            if (payload.Length >= 2 && random.Next(2) == 0)
            {
                payload[0] = 0x00;
                payload[1] = (byte)(random.Next(2) == 0 ? 0x1C : 0x11);
            }

            byte[] pdu = SzlResponse(payload, (byte)random.Next(0, 3), last: random.Next(3) != 0);
            Apply(plc, pdu, flow: random.Next(3));
        }

        Assert.True(plc.PendingAnswers <= SzlAnswerAssembler.Capacity);
    }
}
