namespace EdgeSensor.Tests.Decoding.S7CommPlus;

/// <summary>S7comm-plus COTP payloads, annotated; real frames name their capture.</summary>
internal static class S7PlusFixtures
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty).Replace("|", string.Empty));

    // s7commplus_s7-1200_upload-ob1-tiav12.pcap frame 130: V2 request, EndSequence.
    public static readonly byte[] V2EndSequenceRequest = Hex(
        "72 | 02 | 0014"                   // protocol id, version 2, data length 20
        + "31 | 0000 | 0560 | 0000 | 0028" // request, reserved, EndSequence, reserved, sequence number 40
        + "000003c036000000000000"         // session id, transport flags, ...
        + "72 02 0000");                   // trailer

    // Same capture frame 132: V2 response, CreateObject.
    public static readonly byte[] V2CreateObjectResponse = Hex(
        "72 02 0010 | 32 | 0000 | 04ca | 0000 | 0027 | 34000000000000 | 72 02 0000");

    // s7commplus_s7-1200_go-online.pcapng frame 421: V3 request, Explore, with integrity part.
    public static readonly byte[] V3ExploreRequest = Hex(
        "72 | 03 | 003f"                   // version 3, data length 63
        + "20"                             // digest length 32
        + "e7526afec19b392124e453640669794d2f7b77077f0a4e6e3e73d2adcc62b2c5" // digest
        + "31 | 0000 | 04bb | 0000 | 0028" // request, Explore, sequence number 40
        + "000003943400000038000100010000210000000000"
        + "72 03 0000");

    // Same capture frame 393: V3 notification (no function field).
    public static readonly byte[] V3Notification = Hex(
        "72 03 0034 | 20 | 21da14af542150d5938abf8edb9c865285bec5347f9607db506c2d3fd828ada3"
        + "33 | 704000080400000000000000010000000000"
        + "72 03 0000");

    // Same capture frame 106: extended keep-alive.
    public static readonly byte[] ExtendedKeepAlive = Hex("72 | fe | 0010 | 00000000000407d30000000000000000");

    // Synthetic keep-alive: 72 ff, then sequence and reserved bytes.
    public static readonly byte[] KeepAlive = Hex("72 | ff | 0003 | 00");

    // Synthetic V2 PDU split over three payloads (no trailer until the last).
    public static readonly byte[] FragmentFirst = Hex(
        "72 02 0010 | 31 | 0000 | 04ca | 0000 | 0027 | 000003c0 | 340000");    // 16 data bytes, no trailer
    public static readonly byte[] FragmentMiddle = Hex("72 02 0004 | a1b2c3d4");               // 4 data bytes, no trailer
    public static readonly byte[] FragmentLast = Hex("72 02 0004 | 00000000 | 72 02 0000");    // 4 data bytes + trailer
}
