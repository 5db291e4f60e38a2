using EdgeSensor.Plant.Identity;

namespace EdgeSensor.Tests.Plant.Identity;

/// <summary>
/// The identity of the PLC in each capture, built from its SZL answers run through the real pipeline, equals what
/// tshark 4.0.17 decodes from the same frames. Expected values come from
/// <c>tshark -n -r F -Y "s7comm.param.userdata.type==8 &amp;&amp; (s7comm.data.userdata.szl_id==0x0011 || s7comm.data.userdata.szl_id==0x001c)" -O s7comm</c>
/// (MlfB, Ausbg, Ausbe, Name, Serialn, Cputypname, Sn_mc/mmc, Manufacturer_id), the operating state from
/// <c>-Y "s7comm.data.userdata.szl_id==0x0424 &amp;&amp; s7comm.param.userdata.type==8"</c> (bzu-id requested mode)
/// and from the mode-transition pushes (<c>-Y "s7comm.param.userdata.funcgroup==0"</c>), times from frame.time_epoch.
/// tshark prints the firmware record (index 0x0007) raw: Ausbg 22019 = 0x5603 ('V', 3), Ausbe 518 = 0x0206 (2, 6),
/// which is version V3.2.6.
/// </summary>
public sealed class S7IdentityCaptureTests
{
    private const string Cpu315 = "6ES7 315-2EH14-0AB0";
    private const string OriginalSiemens = "Original Siemens Equipment";
    private const ushort Siemens = 0x002a;
    private const ushort Cpu = 0x00c0; // BGTyp of index 0x0001

    [Fact]
    public void S7ident_snap7_server()
    {
        // s7comm_s7ident_szl-identification.pcap, PLC 172.17.0.2: 0x0011 in frames 11 and 19, 0x001c in frame 13
        // (one PDU, 10 records), 0x0424 in frame 17 (bzu-id 0x08: RUN) at 1728077065.944569.
        using var sink = IdentitySink.Run("s7comm_s7ident_szl-identification.pcap");
        S7DeviceIdentity plc = Assert.Single(sink.S7.Values);
        Assert.Same(plc, sink.S7At("172.17.0.2"));

        Assert.Equal(Cpu315, plc.OrderNumber);
        Assert.Equal(Cpu, plc.ModuleTypeId);
        Assert.Equal("4", plc.HardwareVersion);              // index 0x0006: Ausbg 4, Ausbe 1
        Assert.Equal(((ushort)4, (ushort)1), plc.RawHardwareVersion);
        Assert.Equal("V3.2.6", plc.FirmwareVersion);         // index 0x0007: Ausbg 22019, Ausbe 518
        Assert.Equal(((ushort)22019, (ushort)518), plc.RawFirmwareVersion);

        Assert.Equal("SNAP7-SERVER", plc.PlcName);
        Assert.Equal("CPU 315-2 PN/DP", plc.ModuleName);
        Assert.Null(plc.PlantId);                             // "Tag: " (empty)
        Assert.Equal(OriginalSiemens, plc.Copyright);
        Assert.Equal("S C-C2UR28922012", plc.SerialNumber);
        Assert.Equal("CPU 315-2 PN/DP", plc.ModuleTypeName);
        Assert.Equal("MMC 267FF11F", plc.MemoryCardSerialNumber);
        Assert.Equal(Siemens, plc.ManufacturerId);
        Assert.Null(plc.OemId);
        Assert.Null(plc.LocationId);

        Assert.Equal(S7OperatingState.Run, plc.OperatingState);
        Assert.Equal(8, plc.RawOperatingState);
        Assert.Equal(S7OperatingStateSource.SzlModeTransition, plc.OperatingStateSource);
        Assert.Equal(1728077065_944569L, plc.OperatingStateSinceMicros);
        Assert.Equal(S7PlcCommand.None, plc.LastCommand);
        Assert.Equal(0, plc.PendingAnswers);

        // The same answers again (frame 19) change nothing.
        Assert.DoesNotContain(19L, sink.ChangingFrames);
    }

    [Fact]
    public void Snap7_client_against_a_cpu_315_with_a_split_component_answer_and_a_restart()
    {
        // s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng, PLC 134.217.61.211: 0x0011 in frames 4
        // and 14; 0x001c split over frames 6 and 8 (data unit reference 213, "S7COMM reassembled id=213" on 8);
        // 0x0424 in frame 12 (RUN); PLC stop Job 57 / Ack_Data 58; P_PROGRAM("C ") Job 63 at 1454969290.467071,
        // Ack_Data 64 without error.
        using var sink = IdentitySink.Run("s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng");
        S7DeviceIdentity plc = Assert.Single(sink.S7.Values);
        Assert.Same(plc, sink.S7At("134.217.61.211"));
        AssertCpu315Station1(plc);
        Assert.Contains(8L, sink.ChangingFrames);           // the names come from the last fragment
        Assert.DoesNotContain(6L, sink.ChangingFrames);

        Assert.Equal(S7OperatingState.Run, plc.OperatingState);
        Assert.Equal(1454969289_972343L, plc.OperatingStateSinceMicros);
        Assert.Equal(S7PlcCommand.Start, plc.LastCommand);
        Assert.Equal(1454969290_467071L, plc.LastCommandMicros);
        Assert.True(plc.LastCommandAcknowledged);
        Assert.Equal(0, plc.PendingAnswers);
    }

    [Fact]
    public void Tia_portal_going_online_reads_the_identity_six_times()
    {
        // s7comm_tia-s300_go-online_many-szl-reads.pcapng, PLC 134.217.61.211 (the same CPU as the snap7 capture):
        // six 0x0011 answers and six split 0x001c answers (data unit references 215, 217, 221, 228, 230, 232,
        // each with a last fragment tshark shows as reassembled); 0x0424 first in frame 6 (RUN).
        using var sink = IdentitySink.Run("s7comm_tia-s300_go-online_many-szl-reads.pcapng");
        S7DeviceIdentity plc = sink.S7At("134.217.61.211");
        AssertCpu315Station1(plc);
        Assert.Equal(S7OperatingState.Run, plc.OperatingState);
        Assert.Equal(1454969864_956124L, plc.OperatingStateSinceMicros);
        Assert.Equal(0, plc.PendingAnswers);
    }

    [Fact]
    public void Et200s_im151_8_cpu()
    {
        // s7comm_read-plc-status_szl.pcap, PLC 192.168.1.40: 0x0111 index 1 in frame 39, 0x0011 in frame 59,
        // 0x001c split (data unit reference 6) with its last fragment in frame 72, 0x0424 first in frame 87 (RUN).
        using var sink = IdentitySink.Run("s7comm_read-plc-status_szl.pcap");
        S7DeviceIdentity plc = sink.S7At("192.168.1.40");

        Assert.Equal("6ES7 151-8AB01-0AB0", plc.OrderNumber);
        Assert.Equal(Cpu, plc.ModuleTypeId);
        Assert.Equal("3", plc.HardwareVersion);
        Assert.Equal("V3.2.6", plc.FirmwareVersion);         // Ausbg 22019, Ausbe 518
        Assert.Equal("IM151-8-CPU", plc.PlcName);
        Assert.Equal("IM151-8 PN/DP CPU", plc.ModuleName);
        Assert.Null(plc.PlantId);
        Assert.Equal(OriginalSiemens, plc.Copyright);
        Assert.Equal("S C-C6TW74882012", plc.SerialNumber);
        Assert.Equal("IM151-8 PN/DP CPU", plc.ModuleTypeName);
        Assert.Equal("MMC 2900FC1A", plc.MemoryCardSerialNumber);
        Assert.Equal(Siemens, plc.ManufacturerId);

        Assert.Equal(S7OperatingState.Run, plc.OperatingState);
        Assert.Equal(1408529129_169745L, plc.OperatingStateSinceMicros);
        Assert.Equal(0, plc.PendingAnswers);
    }

    [Fact]
    public void Single_records_by_index()
    {
        // s7comm_read-set-plc-clock.pcap, PLC 192.168.1.40: 0x0111 index 1 in frame 23 (MlfB "6ES7 151-8AB01-0AB0",
        // Ausbg 3, Ausbe 1), 0x011c index 2 in frame 32 ("IM151-8 PN/DP CPU"); no firmware record, no 0x0424.
        using var sink = IdentitySink.Run("s7comm_read-set-plc-clock.pcap");
        S7DeviceIdentity plc = sink.S7At("192.168.1.40");
        Assert.Equal("6ES7 151-8AB01-0AB0", plc.OrderNumber);
        Assert.Equal("3", plc.HardwareVersion);             // from index 1: no index 6 record was read
        Assert.Null(plc.FirmwareVersion);
        Assert.Equal("IM151-8 PN/DP CPU", plc.ModuleName);
        Assert.Null(plc.PlcName);
        Assert.Equal(S7OperatingState.Unknown, plc.OperatingState);
        Assert.Equal(S7OperatingStateSource.None, plc.OperatingStateSource);
    }

    [Fact]
    public void Step7_stops_the_plc_and_the_plc_pushes_stop()
    {
        // s7comm_step7-s300_plc-stop.pcapng, PLC 134.249.61.163: PLC stop Job frame 1 at 1397644178.422052,
        // Ack_Data frame 2, mode-transition push "Current mode: STOP (0)" in frame 4 at 1397644178.431791.
        using var sink = IdentitySink.Run("s7comm_step7-s300_plc-stop.pcapng");
        S7DeviceIdentity plc = Assert.Single(sink.S7.Values);
        Assert.Same(plc, sink.S7At("134.249.61.163"));
        Assert.Equal(S7PlcCommand.Stop, plc.LastCommand);
        Assert.Equal(1397644178_422052L, plc.LastCommandMicros);
        Assert.True(plc.LastCommandAcknowledged);
        Assert.Equal(S7OperatingState.Stop, plc.OperatingState);
        Assert.Equal(0, plc.RawOperatingState);
        Assert.Equal(S7OperatingStateSource.ModeTransitionPush, plc.OperatingStateSource);
        Assert.Equal(1397644178_431791L, plc.OperatingStateSinceMicros);
        Assert.Null(plc.OrderNumber);
    }

    [Fact]
    public void Tia_portal_downloads_hardware_config_with_stop_and_restart()
    {
        // s7comm_tia-s300_download-hwconfig-with-stop.pcapng, PLC 134.217.61.211: PLC stop Job 57, push STOP 59,
        // P_PROGRAM() Job 136 at 1454971120.242676, Ack_Data 137 without error, push "Current mode: RUN (2)" in
        // frame 138 at 1454971120.355210.
        using var sink = IdentitySink.Run("s7comm_tia-s300_download-hwconfig-with-stop.pcapng");
        S7DeviceIdentity plc = sink.S7At("134.217.61.211");
        Assert.Equal(S7PlcCommand.Start, plc.LastCommand);
        Assert.Equal(1454971120_242676L, plc.LastCommandMicros);
        Assert.True(plc.LastCommandAcknowledged);
        Assert.Equal(S7OperatingState.Run, plc.OperatingState);
        Assert.Equal(2, plc.RawOperatingState);
        Assert.Equal(S7OperatingStateSource.ModeTransitionPush, plc.OperatingStateSource);
        Assert.Equal(1454971120_355210L, plc.OperatingStateSinceMicros);
    }

    private static void AssertCpu315Station1(S7DeviceIdentity plc)
    {
        // 0x0011: index 1 and 6 "6ES7 315-2EH14-0AB0", BGTyp 0x00c0, Ausbg 3, Ausbe 1; index 7 Ausbg 22019, Ausbe 519.
        Assert.Equal(Cpu315, plc.OrderNumber);
        Assert.Equal(Cpu, plc.ModuleTypeId);
        Assert.Equal("3", plc.HardwareVersion);
        Assert.Equal("V3.2.7", plc.FirmwareVersion);
        Assert.Equal(((ushort)22019, (ushort)519), plc.RawFirmwareVersion);
        // 0x001c (reassembled): 10 records.
        Assert.Equal("S7300/ET200M station_1", plc.PlcName);
        Assert.Equal("PLC_1", plc.ModuleName);
        Assert.Null(plc.PlantId);
        Assert.Equal(OriginalSiemens, plc.Copyright);
        Assert.Equal("S C-B1U393142011", plc.SerialNumber);
        Assert.Equal("CPU 315-2 PN/DP", plc.ModuleTypeName);
        Assert.Equal("MMC 4A1AC019", plc.MemoryCardSerialNumber);
        Assert.Equal(Siemens, plc.ManufacturerId);
        Assert.Null(plc.OemId);
        Assert.Null(plc.LocationId);
    }
}
