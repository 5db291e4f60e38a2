namespace EdgeSensor.Tests.Decoding.Tls;

/// <summary>TLS records from the shared captures, annotated field by field.</summary>
internal static class TlsFixtures
{
    /// <summary>rdp_tls-security_cookie.pcap frame 8: the ClientHello after RDP's X.224 exchange (TCP payload).</summary>
    public static readonly byte[] RdpClientHello =
    [
        0x16, 0x03, 0x01, 0x00, 0x74,                   // record: handshake, TLS 1.0, length 116
        0x01, 0x00, 0x00, 0x70,                         // ClientHello, length 112
        0x03, 0x01,                                     // legacy_version TLS 1.0
        0x4d, 0x57, 0x0e, 0xc5, 0x8a, 0x9b, 0x7d, 0x32, 0x5e, 0xd9, 0x08, 0xde, 0x8c, 0xb2, 0xb4, 0xde,   // random
        0x50, 0xec, 0x88, 0x18, 0x4a, 0x1f, 0x6e, 0xc7, 0x23, 0xc1, 0xd5, 0xa3, 0x44, 0xa6, 0xcc, 0x34,
        0x00,                                           // session id: empty
        0x00, 0x18,                                     // cipher suites: 24 bytes, 12 suites
        0x00, 0x2f, 0x00, 0x35, 0x00, 0x05, 0x00, 0x0a, 0xc0, 0x13, 0xc0, 0x14,
        0xc0, 0x09, 0xc0, 0x0a, 0x00, 0x32, 0x00, 0x38, 0x00, 0x13, 0x00, 0x04,
        0x01, 0x00,                                     // compression: 1 method, null
        0x00, 0x2f,                                     // extensions: 47 bytes
        0x00, 0x00, 0x00, 0x12,                         // server_name, length 18
        0x00, 0x10,                                     //   list length 16
        0x00, 0x00, 0x0d,                               //   host_name, length 13
        0x31, 0x39, 0x32, 0x2e, 0x31, 0x36, 0x38, 0x2e, 0x31, 0x2e, 0x31, 0x35, 0x30,   // "192.168.1.150"
        0x00, 0x05, 0x00, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00,                           // status_request
        0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18,                     // supported_groups
        0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,                                             // ec_point_formats
    ];

    /// <summary>rdp_tls-security_cookie.pcap frame 9, the ServerHello record (the Certificate record follows it).</summary>
    public static readonly byte[] RdpServerHelloRecord =
    [
        0x16, 0x03, 0x01, 0x00, 0x4a,                   // record: handshake, TLS 1.0, length 74
        0x02, 0x00, 0x00, 0x46,                         // ServerHello, length 70
        0x03, 0x01,                                     // legacy_version TLS 1.0
        0x4d, 0x57, 0x0e, 0xc5, 0xdc, 0xe9, 0x26, 0x33, 0x60, 0x48, 0xa8, 0x1f, 0x74, 0x58, 0x24, 0x27,   // random
        0xb8, 0xdb, 0xdd, 0x75, 0xb0, 0x23, 0x96, 0x7b, 0xc5, 0xb9, 0xe8, 0xf0, 0xd6, 0x4a, 0x47, 0x3f,
        0x20,                                           // session id: 32 bytes
        0xbc, 0x33, 0x00, 0x00, 0xfe, 0xec, 0x80, 0x17, 0x71, 0x9c, 0x03, 0xaa, 0xf0, 0xab, 0x25, 0x44,
        0x48, 0x4d, 0x8c, 0xcf, 0xa3, 0xa8, 0xa3, 0x43, 0x23, 0x91, 0x61, 0xd7, 0x50, 0xf0, 0x89, 0xca,
        0x00, 0x2f,                                     // cipher suite TLS_RSA_WITH_AES_128_CBC_SHA
        0x00,                                           // compression null; no extensions
    ];

    /// <summary>
    /// s7commplus_s7-1200_steady-state-with-it.pcapng frame 287 (Windows to settings-win.data.microsoft.com:443): a
    /// TLS 1.2 ClientHello with SNI and ALPN h2, http/1.1 (hex as tshark's tcp.payload prints it).
    /// record 16 0303 00cd | ClientHello 01 0000c9 | 0303 | random | sid 00 | suites 0026 (19) | comp 01 00 |
    /// extensions 007a: server_name 0000 0024, status_request 0005, supported_groups 000a, ec_point_formats 000b,
    /// signature_algorithms 000d, session_ticket 0023, ALPN 0010 000e (000c 02 "h2" 08 "http/1.1"),
    /// extended_master_secret 0017, renegotiation_info ff01.
    /// </summary>
    public static readonly byte[] WindowsClientHello = Convert.FromHexString(
        "16030300cd010000c90303621cf349217b439a541d6e85de12404932ef8d9dd370dedc04d63207c8f988f2000026c02cc02bc030c02fc024c023c028c027c00ac009c014c013009d009c003d003c0035002f000a0100007a00000024002200001f73657474696e67732d77696e2e646174612e6d6963726f736f66742e636f6d000500050100000000000a00080006001d00170018000b00020100000d00140012040105010201040305030203020206010603002300000010000e000c02683208687474702f312e3100170000ff01000100");

    /// <summary>
    /// A TLS 1.3 ClientHello body (hand-made, RFC 8446 4.1.2 / 4.2.1): legacy_version 0x0303, supported_versions
    /// offering GREASE 0x1a1a, TLS 1.3 and TLS 1.2; no SNI.
    /// </summary>
    public static readonly byte[] Tls13ClientHelloBody =
    [
        0x03, 0x03,                                     // legacy_version TLS 1.2
        .. new byte[32],                                // random
        0x00,                                           // session id: empty
        0x00, 0x02, 0x13, 0x01,                         // one suite: TLS_AES_128_GCM_SHA256
        0x01, 0x00,                                     // compression null
        0x00, 0x0b,                                     // extensions: 11 bytes
        0x00, 0x2b, 0x00, 0x07,                         // supported_versions, length 7
        0x06, 0x1a, 0x1a, 0x03, 0x04, 0x03, 0x03,       //   6 bytes: GREASE, TLS 1.3, TLS 1.2
    ];

    /// <summary>A TLS 1.3 ServerHello body: supported_versions selected 0x0304, suite 0x1301.</summary>
    public static readonly byte[] Tls13ServerHelloBody =
    [
        0x03, 0x03,                                     // legacy_version TLS 1.2
        .. new byte[32],                                // random
        0x00,                                           // session id echo: empty
        0x13, 0x01,                                     // TLS_AES_128_GCM_SHA256
        0x00,                                           // compression null
        0x00, 0x06,                                     // extensions: 6 bytes
        0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,             // supported_versions: TLS 1.3
    ];

    public static byte[] Record(byte contentType, params byte[] fragment) =>
        [contentType, 0x03, 0x03, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];

    public static byte[] Handshake(byte type, byte[] body) =>
        [type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];
}
