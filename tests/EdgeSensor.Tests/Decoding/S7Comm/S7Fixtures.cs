namespace EdgeSensor.Tests.Decoding.S7Comm;

/// <summary>
/// S7comm PDUs (COTP user data, TPKT/COTP stripped) from the development captures in /work/shared/pcaps,
/// annotated field by field. Capture and frame are named on each fixture.
/// </summary>
internal static class S7Fixtures
{
    /// <summary>Hex with optional spaces and '|' separators to bytes.</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty).Replace("|", string.Empty));

    // s7comm_read-set-plc-clock.pcap frame 9: Job, setup communication.
    public static readonly byte[] SetupCommJob = Hex(
        "32 01 | 0000 | 0200 | 0008 | 0000"          // id, Job, redundancy, pduref 512, plen 8, dlen 0
        + "f0 | 00 | 0001 | 0001 | 01e0");           // setup comm, reserved, AmQ calling 1, AmQ called 1, PDU length 480

    // s7comm_read-set-plc-clock.pcap frame 10: Ack_Data, setup communication.
    public static readonly byte[] SetupCommAckData = Hex(
        "32 03 | 0000 | 0200 | 0008 | 0000 | 00 00"  // Ack_Data, pduref 512, plen 8, dlen 0, errcls 0, errcod 0
        + "f0 | 00 | 0001 | 0001 | 00f0");           // negotiated PDU length 240

    // s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng frame 55: Job, read var, 5 S7ANY items.
    public static readonly byte[] ReadVarJob5Items = Hex(
        "32 01 | 0000 | 1b00 | 003e | 0000"          // Job, pduref 6912, plen 62, dlen 0
        + "04 | 05"                                  // read var, 5 items
        + "12 0a 10 | 02 | 0010 | 0000 | 83 | 000000" // S7ANY: BYTE x16, DB 0, area 0x83 (M), address 0
        + "12 0a 10 | 02 | 0010 | 0000 | 81 | 000000" // BYTE x16, inputs
        + "12 0a 10 | 02 | 0010 | 0000 | 82 | 000000" // BYTE x16, outputs
        + "12 0a 10 | 1d | 0008 | 0000 | 1d | 000000" // TIMER x8, timers
        + "12 0a 10 | 1c | 0008 | 0000 | 1c | 000000"); // COUNTER x8, counters

    // Same capture frame 56: Ack_Data, read var, 5 data items.
    public static readonly byte[] ReadVarAckData5Items = Hex(
        "32 03 | 0000 | 1b00 | 0002 | 0064 | 00 00"  // Ack_Data, pduref 6912, plen 2, dlen 100
        + "04 | 05"                                  // read var, 5 items
        + "ff 04 0080 | acde000daddeaddeaddeaddeaddeadde" // success, BYTE, 128 bits = 16 bytes
        + "ff 04 0080 | aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb"
        + "ff 04 0080 | bbbbbbbbbbbbbbbbaddeaddeaddeadde"
        + "ff 09 0010 | 00000000000000000000000000000000" // OCTET STRING, 16 bytes
        + "ff 09 0010 | 00110000000000000000000000000000");

    // s7comm_libnodave_read-write-var.pcap frame 15: Job, write var, 1 item.
    public static readonly byte[] WriteVarJob = Hex(
        "32 01 | 0000 | 0002 | 000e | 0008"          // Job, pduref 2, plen 14, dlen 8
        + "05 | 01"                                  // write var, 1 item
        + "12 0a 10 | 02 | 0004 | 0000 | 83 | 000000" // BYTE x4, flags, address 0
        + "00 | 04 | 0020 | a9100001");              // data item: reserved, BYTE, 32 bits, value

    // snap7 capture frame 54: Ack_Data, write var, 5 return codes.
    public static readonly byte[] WriteVarAckData = Hex(
        "32 03 | 0000 | 1a00 | 0002 | 0005 | 00 00"  // Ack_Data, pduref 6656, plen 2, dlen 5
        + "05 | 05"                                  // write var, 5 items
        + "ff ff ff 03 03");                         // 3 x success, 2 x access fault

    // s7comm_s7ident_szl-identification.pcap frame 32: Ack_Data, read var, 5 error items whose length field says 4.
    public static readonly byte[] ReadVarAckDataErrors = Hex(
        "32 03 | 0000 | 0a00 | 0002 | 0014 | 00 00"
        + "04 | 05"
        + "0a 00 0004 | 0a 00 0004 | 0a 00 0004 | 0a 00 0004 | 0a 00 0004"); // object does not exist; no value

    // s7comm_tia-s300_download-ob1.pcapng frame 57: Job, request download.
    public static readonly byte[] RequestDownloadJob = Hex(
        "32 01 | 0000 | bd0a | 0020 | 0000"          // Job, pduref 48394, plen 32
        + "1a | 00 | 0100 | 00000000"                // request download, status, unknown, id
        + "09 | 5f3038303030303150"                  // file name length 9, "_0800001P" (OB 1, passive)
        + "0d | 31303030333332303030323132");        // length part 2: load memory / MC7 lengths

    // s7comm_tia-s300_download-ob1.pcapng frame 59: Job, download block (sent by the PLC).
    public static readonly byte[] DownloadBlockJob = Hex(
        "32 01 | 0000 | bb00 | 0012 | 0000"
        + "1b | 00 | 0000 | 00000000 | 09 | 5f3038303030303150"); // "_0800001P"

    // s7comm_step7-s300_download-block.pcapng frame 91: Job, download ended.
    public static readonly byte[] DownloadEndedJob = Hex(
        "32 01 | 0000 | 6701 | 0012 | 0000"
        + "1c | 00 | 0000 | 00000000 | 09 | 5f3041303030303150"); // "_0A00001P" (DB 1)

    // snap7 capture frame 17: Job, start upload.
    public static readonly byte[] StartUploadJob = Hex(
        "32 01 | 0000 | 0800 | 0012 | 0000"
        + "1d | 00 | 0000 | 00000000 | 09 | 5f3042303030303041"); // "_0B00000A" (SDB 0, active)

    // snap7 capture frame 19: Job, upload (no file name).
    public static readonly byte[] UploadJob = Hex("32 01 | 0000 | 0900 | 0008 | 0000 | 1e | 00 | 0000 | 00000007");

    // snap7 capture frame 18: Ack_Data, start upload.
    public static readonly byte[] StartUploadAckData = Hex(
        "32 03 | 0000 | 0800 | 0010 | 0000 | 00 00 | 1d 00 0100 00000007 07 30303030323136");

    // s7comm_step7-s300_download-block.pcapng frame 93: Job, PI service _INSE with one block.
    public static readonly byte[] PiServiceInse = Hex(
        "32 01 | 0000 | 8400 | 001a | 0000"          // Job, pduref 33792, plen 26
        + "28 | 000000000000fd"                     // PI service, 7 unknown bytes
        + "000a"                                     // parameter block length 10
        + "01 | 00 | 3041303030303150"               // 1 block, unknown, "0A00001P"
        + "05 | 5f494e5345");                        // service name length 5, "_INSE"

    // snap7 capture frame 59: Job, PI service _MODU (copy RAM to ROM).
    public static readonly byte[] PiServiceModu = Hex(
        "32 01 | 0000 | 1d00 | 0012 | 0000"
        + "28 | 000000000000fd | 0002 | 4550 | 05 | 5f4d4f4455"); // block "EP", "_MODU"

    // snap7 capture frame 57: Job, PLC stop.
    public static readonly byte[] PlcStopJob = Hex(
        "32 01 | 0000 | 1c00 | 0010 | 0000"
        + "29 | 0000000000 | 09 | 505f50524f4752414d"); // 5 unknown bytes, "P_PROGRAM"

    // snap7 capture frame 44: Ack with an error in the header.
    public static readonly byte[] AckWithError = Hex("32 02 | 0000 | 1500 | 0000 | 0000 | d2 0c");

    // snap7 capture frame 3: Userdata request, CPU functions, read SZL 0x0011 index 0.
    public static readonly byte[] SzlRequest0011 = Hex(
        "32 07 | 0000 | 0100 | 0008 | 0008"          // Userdata, pduref 256, plen 8, dlen 8
        + "000112 | 04 | 11 | 44 | 01 | 00"          // head, plen 4, method request, type 4 / group 4, subfunc 1, seq 0
        + "ff | 09 | 0004 | 0011 | 0000");           // success, octet string, 4 bytes: SZL id 0x0011, index 0

    // snap7 capture frame 4: Userdata response, read SZL 0x0011: 4 records of 28 bytes (module identification).
    public static readonly byte[] SzlResponse0011 = Hex(
        "32 07 | 0000 | 0100 | 000c | 007c"          // plen 12, dlen 124
        + "000112 | 08 | 12 | 84 | 01 | 02 | 00 | 00 | 0000" // plen 8, response, type 8 / group 4, subfunc 1, seq 2, dur 0, last, no error
        + "ff | 09 | 0078"                           // success, octet string, 120 bytes
        + "0011 | 0000 | 001c | 0004"                // SZL id 0x0011, index 0, 28 bytes per record, 4 records
        + "0001 36455337203331352d32454831342d3041423020 00c0 0003 0001"
        + "0006 36455337203331352d32454831342d3041423020 00c0 0003 0001"
        + "0007 2020202020202020202020202020202020202020 00c0 5603 0207"
        + "0081 426f6f74204c6f61646572202020202020202020 0000 4120 0909");

    // s7comm_read-set-plc-clock.pcap frames 15, 16, 18, 19: SZL 0x0000 answered in two fragments (data unit ref 2).
    public static readonly byte[] SzlRequest0000 = Hex(
        "32 07 | 0000 | 0400 | 0008 | 0008 | 000112 04 11 44 01 00 | ff 09 0004 | 0000 0000");

    public static readonly byte[] SzlResponse0000First = Hex(
        "32 07 | 0000 | 0400 | 000c | 00da"
        + "000112 08 12 84 01 01 | 02 | 01 | 0000"   // seq 1, data unit ref 2, last data unit NO
        + "ff 09 00d6 | 0000 | 0000 | 0002 | 0070"   // SZL 0x0000 index 0, 2-byte records, 112 records
        + "00000f000002001101110f11001201120f120013011300140f1400150115001701170f17001801180f1800190f19001a0f1a001b0f1b"
        + "001c011c0f1c00210a210f21022200230f2300240124042405240025012502250f25013101320232003601360f36003701370f3700"
        + "38013802380f380139003a0f3a007401740f7405910a910c910d910092029206920f92009401940294069407940f94009501950f95"
        + "06960c960c970d97019a029a0f9a0c9b009c019c029c039c0f9c00a001a00fa000b100b200b300b401b502b503b5");

    public static readonly byte[] SzlFollowUpRequest = Hex(
        "32 07 | 0000 | 0500 | 000c | 0004"
        + "000112 08 12 44 01 01 | 00 | 00 | 0000"   // request, seq 1, data unit ref 0, last
        + "0a 00 0000");                             // object does not exist, no data

    public static readonly byte[] SzlResponse0000Last = Hex(
        "32 07 | 0000 | 0500 | 000c | 0016"
        + "000112 08 12 84 01 01 | 02 | 00 | 0000"   // data unit ref 2, last data unit YES
        + "ff 09 0012 | 04b505b506b507b508b501b602b603b604b6"); // continuation of the record list

    // s7comm_read-set-plc-clock.pcap frames 25, 26: time functions, read clock.
    public static readonly byte[] ReadClockRequest = Hex(
        "32 07 | 0000 | 0700 | 0008 | 0004 | 000112 04 11 47 01 00 | 0a 00 0000"); // group 7, subfunc 1

    public static readonly byte[] ReadClockResponse = Hex(
        "32 07 | 0000 | 0700 | 000c | 000e | 000112 08 12 87 01 01 00 00 0000"
        + "ff 09 000a | 00 19 14 08 20 11 59 43 91 24"); // BCD timestamp 2014-08-20 11:59:43.912

    // s7comm_step7-s300_auth-password.pcapng frame 3: security, PLC password (scrambled).
    public static readonly byte[] PasswordRequest = Hex(
        "32 07 | 0000 | 0600 | 0008 | 000c | 000112 04 11 45 01 00 | ff 09 0008 | 213a1b1d6e681b1d"); // group 5, subfunc 1

    // s7comm_step7-s300_plc-stop.pcapng frame 4: Userdata push, mode transition to STOP (odd parameter head).
    public static readonly byte[] ModeTransitionPush = Hex("32 07 | 0000 | 0000 | 0008 | 0000 | 010010 10 00 00 00 00");

    // Synthetic (shape of the block-function requests in s7comm_program-blocklist-onlineview.pcap): list blocks, group 3, subfunc 1.
    public static readonly byte[] ListBlocksRequest = Hex(
        "32 07 | 0000 | 2100 | 0008 | 0004 | 000112 04 11 43 01 00 | 0a 00 0000");

    // s7comm_wincc-s400_hmi-production-baseline.pcapng frame 24: Job, read var, one DBREAD item with 3 sub-areas.
    public static readonly byte[] ReadVarDbRead = Hex(
        "32 01 | 0000 | 0d00 | 0015 | 0000 | 04 01"
        + "12 11 b0 | 03 | 02 004a 006c | 04 004c 0194 | 02 0051 003c"); // DB74.DBB108 x2, DB76.DBB404 x4, DB81.DBB60 x2
}
