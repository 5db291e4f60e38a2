using System.Text;

namespace Edge.Contracts.Tests.Discovery;

/// <summary>DNS messages as bytes, annotated field by field (offsets in decimal).</summary>
internal static class DnsFixtures
{
    public const string Fingerprint = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    /// <summary>"_edge-prov._tcp.local" uncompressed: 23 bytes.</summary>
    public const string ServiceTypeName = "0a 5f656467652d70726f76 04 5f746370 05 6c6f63616c 00";

    /// <summary>The browser's query: one PTR question with the QU bit.</summary>
    public static readonly byte[] PtrQueryQu = Hex(
        "1234 0000 0001 0000 0000 0000"       // 0 id 0x1234 | flags 0 (query) | QD 1 | AN 0 | NS 0 | AR 0
        + ServiceTypeName                      // 12 _edge-prov._tcp.local (23 bytes)
        + "000c 8001");                        // 35 type PTR | class IN with QU (top bit)

    /// <summary>A compressed response, as avahi writes one: PTR answer, SRV, TXT and A additionals; 174 bytes.</summary>
    public static readonly byte[] CompressedResponse = Concat(
        Hex("0000 8400 0000 0001 0000 0003"),  // 0 id 0 | QR AA | QD 0 | AN 1 | NS 0 | AR 3
        Hex(ServiceTypeName),                  // 12 answer name; "_tcp" label at 23, "local" at 28
        Hex("000c 0001 00001194 0005"),        // 35 PTR | IN | TTL 4500 | RDLENGTH 5
        Hex("02 6331 c00c"),                   // 45 RDATA: "c1" + pointer to 12: c1._edge-prov._tcp.local
        Hex("c02d"),                           // 50 SRV name: pointer to 45 (the instance)
        Hex("0021 8001 00000078 000c"),        // 52 SRV | IN + cache flush | TTL 120 | RDLENGTH 12
        Hex("0000 0000 22b3 03 626f78 c01c"),  // 62 priority 0 | weight 0 | port 8883 | "box" at 68 + pointer to 28: box.local
        Hex("c02d"),                           // 74 TXT name: the instance
        Hex("0010 8001 00001194 0048"),        // 76 TXT | IN + flush | TTL 4500 | RDLENGTH 72
        Hex("03"), Ascii("v=1"),               // 86 string 1
        Hex("43"), Ascii("fp=" + Fingerprint), // 90 string 2 (67 bytes)
        Hex("c044"),                           // 158 A name: pointer to 68 (box.local)
        Hex("0001 8001 00000078 0004 0a000001")); // 160 A | IN + flush | TTL 120 | RDLENGTH 4 | 10.0.0.1

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
