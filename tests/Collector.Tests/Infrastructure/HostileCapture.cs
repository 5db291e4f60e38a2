using System.Buffers.Binary;
using System.Text;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// A small capture whose device-controlled strings are markup: an S7 PLC that answers a read of SZL 0x001C
/// (component identification) with a PLC name and a plant designation made of HTML and script, and an RDP client whose
/// X.224 Connection Request carries such a <c>Cookie: mstshash=</c> user name. Made at test time (nothing committed);
/// the sensor decodes it like any capture, so the strings reach the collector through the real pipeline. Both come
/// after the sensor's learning period, so the RDP request also raises an "unusual admin RDP" anomaly whose evidence
/// (and so an incident's narrative) carries the user name.
/// </summary>
internal static class HostileCapture
{
    /// <summary>Exactly the 24 bytes of the PLC name field (SZL 0x001C index 1), so the sensor keeps all of it.</summary>
    public const string PlcName = "<script>__xss=1</script>";

    /// <summary>31 of the 32 bytes of the plant designation field (index 3).</summary>
    public const string PlantId = "<img src=x onerror=__xss=4><b>x";

    public const string ModuleName = "CPU 315-2 PN/DP";

    /// <summary>The RDP cookie's user name (what follows <c>mstshash=</c> up to CR LF).</summary>
    public const string RdpUser = "<script>window.__xss=2</script><img src=x onerror=window.__xss=3>";

    /// <summary>The learning period to give the sensor: everything with a hostile string comes after it.</summary>
    public const double LearningSeconds = 1;

    public const string Plc = "10.10.1.20";
    public const string EngineeringStation = "10.10.1.50";
    public const string RdpClient = "10.10.2.30";
    public const string RdpServer = "10.10.2.40";

    public static void Write(string path, DateTimeOffset start)
    {
        var pcap = new PcapBuilder(start);
        // Ordinary traffic while the sensor learns, then, after LearningSeconds, devices it has never seen.
        new TcpConversation(pcap, TcpEndpoint.Of("10.10.9.1", 50_000), TcpEndpoint.Of("10.10.9.2", 80)).Open().Close();
        pcap.Pause(TimeSpan.FromSeconds(LearningSeconds * 2));
        WriteS7Identification(pcap);
        WriteRdpConnectionRequest(pcap);
        pcap.WriteTo(path);
    }

    private static void WriteS7Identification(PcapBuilder pcap)
    {
        var s7 = new TcpConversation(pcap, TcpEndpoint.Of(EngineeringStation, 49_152), TcpEndpoint.Of(Plc, 102)).Open();
        // COTP connection request / confirm: TPKT | LI 17 | CR 0xE0 / CC 0xD0 | dst-ref | src-ref | class 0 |
        // calling TSAP 0x0100 | called TSAP 0x0102 (rack 0, slot 2) | TPDU size 1024.
        s7.ClientSends(Hex("0300 0016 | 11 e0 0000 0001 00 | c1 02 0100 | c2 02 0102 | c0 01 0a"));
        s7.ServerSends(Hex("0300 0016 | 11 d0 0001 0001 00 | c0 01 0a | c1 02 0100 | c2 02 0102"));
        // S7comm setup communication: Job (PDU length 480) and Ack_Data (negotiated 240).
        s7.ClientSends(CotpData(Hex("32 01 0000 0200 0008 0000 | f0 00 0001 0001 01e0")));
        s7.ServerSends(CotpData(Hex("32 03 0000 0200 0008 0000 00 00 | f0 00 0001 0001 00f0")));
        // Userdata, CPU functions, read SZL 0x001C index 0 (request: type 4 / group 4, subfunction 1).
        s7.ClientSends(CotpData(Hex("32 07 0000 0300 0008 0008 | 000112 04 11 44 01 00 | ff 09 0004 | 001c 0000")));
        byte[] records =
        [
            .. ComponentRecord(1, PlcName),
            .. ComponentRecord(2, ModuleName),
            .. ComponentRecord(3, PlantId),
        ];
        // SZL payload: id 0x001C | index 0 | record length 34 | record count | records.
        byte[] szl = [.. Hex("001c 0000 0022"), 0x00, (byte)(records.Length / 34), .. records];
        // Userdata response: plen 12 | dlen | response type 8 / group 4, subfunction 1, seq 1, last data unit, no error.
        byte[] response = [.. Hex("32 07 0000 0300 000c 0000 | 000112 08 12 84 01 01 00 00 0000 | ff 09 0000"), .. szl];
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(8), (ushort)(4 + szl.Length));
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(24), (ushort)szl.Length);
        s7.ServerSends(CotpData(response));
        s7.Close();
    }

    private static void WriteRdpConnectionRequest(PcapBuilder pcap)
    {
        var rdp = new TcpConversation(pcap, TcpEndpoint.Of(RdpClient, 49_700), TcpEndpoint.Of(RdpServer, 3389)).Open();
        // X.224 Connection Request ([MS-RDPBCGR] 2.2.1.1): TPKT | LI | 0xE0 | dst-ref 0 | src-ref 0 | class 0 |
        // cookie line | RDP_NEG_REQ (type 1, flags 0, length 8, requested protocols TLS | CredSSP).
        byte[] data = [.. Encoding.ASCII.GetBytes("Cookie: mstshash=" + RdpUser + "\r\n"), .. Hex("01 00 0800 03000000")];
        byte li = checked((byte)(6 + data.Length));
        byte[] request = [.. Tpkt(1 + li), li, 0xe0, 0, 0, 0, 0, 0, .. data];
        rdp.ClientSends(request);
        // X.224 Connection Confirm with RDP_NEG_RSP (type 2, length 8, selected protocol TLS).
        rdp.ServerSends(Hex("0300 0013 | 0e d0 0000 1234 00 | 02 00 0800 01000000"));
        rdp.Close();
    }

    /// <summary>TPKT header (RFC 1006): version 3, reserved, length including these 4 bytes.</summary>
    private static byte[] Tpkt(int payloadLength)
    {
        var header = new byte[] { 3, 0, 0, 0 };
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), checked((ushort)(4 + payloadLength)));
        return header;
    }

    /// <summary>TPKT | COTP DT (LI 2, 0xF0, last data unit) | S7comm PDU.</summary>
    private static byte[] CotpData(byte[] pdu) => [.. Tpkt(3 + pdu.Length), 0x02, 0xf0, 0x80, .. pdu];

    /// <summary>A 34-byte component identification record: index (2) | text, NUL padded to 32.</summary>
    private static byte[] ComponentRecord(ushort index, string text)
    {
        var record = new byte[34];
        BinaryPrimitives.WriteUInt16BigEndian(record, index);
        byte[] ascii = Encoding.ASCII.GetBytes(text);
        Assert.True(ascii.Length <= 32, text);
        ascii.CopyTo(record, 2);
        return record;
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("|", string.Empty, StringComparison.Ordinal));
}
