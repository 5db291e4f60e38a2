using Edge.IoModule;

namespace EdgeSensor.Tests.IoModule;

/// <summary>
/// Frames on the wire, annotated field by field. The CRCs were computed apart from the code under test (a
/// 10-line Python CRC-16/CCITT-FALSE whose check value for "123456789" is 0x29B1), so an encoder and a decoder
/// that agree on a wrong CRC still fail here.
/// </summary>
internal static class IoModuleFixtures
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    // SetOutputs:  7e start | 01 version | 01 SetOutputs | 05 seq | 02 ack | 07 len
    //              | 01 RUN On | 02 NET BlinkSlow | 00 TAP Off | 00 ALARM Off | 03 relay energised + fail-safe
    //              | 0bb8 timeout 3000 ms | 0c92 CRC
    public static readonly byte[] SetOutputsFrame = Hex("7e 01 01 05 02 07 01 02 00 00 03 0bb8 0c92");

    public static readonly SetOutputsMessage SetOutputsSample = new(LedPattern.On, LedPattern.BlinkSlow, LedPattern.Off, LedPattern.Off, relayEnergised: true, failSafeMode: true, heartbeatTimeoutMs: 3000);

    // Status:  7e | 01 version | 81 Status | 10 seq | 05 ack | 0c len
    //          | 01 fw major | 00 fw minor | 00 flags | 01 ShortPress | 01 event count | 05 last seq | 0000 bad frames
    //          | 0000002a uptime 42 s | e2e8 CRC
    public static readonly byte[] StatusFrame = Hex("7e 01 81 10 05 0c 01 00 00 01 01 05 0000 0000002a e2e8");

    public static readonly StatusMessage StatusSample = new(1, 0, StatusFlags.None, ButtonEvent.ShortPress, 1, 5, 0, 42);

    // Stuffing: seq 7e and ack 7d travel escaped.
    //   7e | 01 | 01 SetOutputs | 7d5e seq 7e | 7d5d ack 7d | 07 len | 09 WigWagA | 0a WigWagB | 00 | 04 Flash
    //   | 01 relay energised | 0000 default timeout | db4f CRC
    public static readonly byte[] Escaped = Hex("7e 01 01 7d5e 7d5d 07 09 0a 00 04 01 0000 db4f");

    // Bad CRC: SetOutputs with its last CRC byte changed (0c92 → 0c93).
    public static readonly byte[] BadCrc = Hex("7e 01 01 05 02 07 01 02 00 00 03 0bb8 0c93");

    // Bad version: 02 where 01 belongs; rejected at that byte (the CRC, 090d, would be right).
    public static readonly byte[] BadVersion = Hex("7e 02 01 05 02 07 01 02 00 00 03 0bb8 090d");

    // Too long: len 21 (33) is above MaxPayloadLength 32; rejected once the header is in.
    public static readonly byte[] TooLongHeader = Hex("7e 01 01 05 02 21");

    // Unknown type 42 with a correct CRC.
    public static readonly byte[] UnknownType = Hex("7e 01 42 05 02 07 01 02 00 00 03 0bb8 30bd");

    // SetOutputs with len 06 instead of 07 (and one timeout byte less), correct CRC.
    public static readonly byte[] BadLength = Hex("7e 01 01 05 02 06 01 02 00 00 03 0b df57");

    // SetOutputs whose RUN pattern is 0b (undefined), correct CRC: a sound frame, an invalid message.
    public static readonly byte[] BadField = Hex("7e 01 01 05 02 07 0b 02 00 00 03 0bb8 ffdc");

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
