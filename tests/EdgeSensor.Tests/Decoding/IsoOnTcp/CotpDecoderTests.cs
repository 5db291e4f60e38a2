using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;

namespace EdgeSensor.Tests.Decoding.IsoOnTcp;

public sealed class CotpDecoderTests
{
    // From s7comm_read-plc-status_szl.pcap frame 8 (TPKT header removed).
    private static readonly byte[] ConnectRequest =
    [
        0x11,                                           // LI 17
        0xe0,                                           // CR, CDT 0
        0x00, 0x00,                                     // destination reference
        0x00, 0x0f,                                     // source reference 15
        0x00,                                           // class 0
        0xc1, 0x02, 0x01, 0x00,                         // calling TSAP 0x0100
        0xc2, 0x02, 0x01, 0x02,                         // called TSAP 0x0102 (rack 0, slot 2)
        0xc0, 0x01, 0x0a,                               // TPDU size 1024
    ];

    [Fact]
    public void Connect_request_exposes_both_tsaps()
    {
        Assert.Equal(DecodeStatus.Ok, CotpDecoder.TryRead(ConnectRequest, out var tpdu, out _));
        Assert.Equal(CotpPduType.ConnectRequest, tpdu.Type);
        Assert.True(tpdu.IsConnectionManagement);
        Assert.Equal(15, tpdu.SourceReference);
        Assert.Equal(new byte[] { 0x01, 0x00 }, tpdu.SourceTsap.ToArray());
        Assert.Equal(new byte[] { 0x01, 0x02 }, tpdu.DestinationTsap.ToArray());
    }

    [Fact]
    public void Data_tpdu_carries_eot_and_user_data()
    {
        byte[] dt = [0x02, 0xf0, 0x80, 0x32, 0x01];     // LI 2, DT, EOT + TPDU-NR 0, then S7 bytes
        Assert.Equal(DecodeStatus.Ok, CotpDecoder.TryRead(dt, out var tpdu, out _));
        Assert.Equal(CotpPduType.Data, tpdu.Type);
        Assert.True(tpdu.EndOfTsdu);
        Assert.Equal(new byte[] { 0x32, 0x01 }, tpdu.UserData.ToArray());

        byte[] fragment = [0x02, 0xf0, 0x00, 0x32];     // EOT clear: more to come
        Assert.Equal(DecodeStatus.Ok, CotpDecoder.TryRead(fragment, out tpdu, out _));
        Assert.False(tpdu.EndOfTsdu);
    }

    [Theory]
    [InlineData(new byte[] { 0x02 }, IsoMalformedReason.CotpTruncated)]
    [InlineData(new byte[] { 0x09, 0xe0, 0x00 }, IsoMalformedReason.CotpLengthIndicatorOverrun)]
    [InlineData(new byte[] { 0x01, 0xf0 }, IsoMalformedReason.CotpTruncated)]
    [InlineData(new byte[] { 0x05, 0xe0, 0, 0, 0, 1 }, IsoMalformedReason.CotpTruncated)]
    [InlineData(new byte[] { 0x08, 0xe0, 0, 0, 0, 1, 0, 0xc1, 0x05 }, IsoMalformedReason.CotpParameterOverrun)]
    [InlineData(new byte[] { 0x02, 0x30, 0x00 }, IsoMalformedReason.CotpUnknownType)]
    public void Malformed_tpdus_name_their_reason(byte[] bytes, IsoMalformedReason expected)
    {
        Assert.Equal(DecodeStatus.Malformed, CotpDecoder.TryRead(bytes, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Tpkt_framing_accepts_version_3_and_rejects_other_bytes()
    {
        Assert.Equal(DecodeStatus.Ok, TpktFraming.TryGetFrameLength([0x03, 0x00, 0x00, 0x16], out int length, out IsoMalformedReason _));
        Assert.Equal(22, length);
        Assert.Equal(DecodeStatus.NeedMoreData, TpktFraming.TryGetFrameLength([0x03, 0x00], out _, out IsoMalformedReason _));
        Assert.Equal(DecodeStatus.NotThisProtocol, TpktFraming.TryGetFrameLength([0x16, 0x03, 0x01, 0x00], out _, out IsoMalformedReason _));
        Assert.Equal(DecodeStatus.Malformed, TpktFraming.TryGetFrameLength([0x03, 0x00, 0x00, 0x05], out _, out IsoMalformedReason r));
        Assert.Equal(IsoMalformedReason.TpktLengthTooShort, r);
    }

    [Fact]
    public void Never_throws_on_random_bytes()
    {
        var random = new Random(102);
        var buffer = new byte[64];
        for (int i = 0; i < 50_000; i++)
        {
            random.NextBytes(buffer);
            var span = buffer.AsSpan(0, random.Next(65));
            if (CotpDecoder.TryRead(span, out var tpdu, out _) == DecodeStatus.Ok)
            {
                Assert.True(tpdu.UserData.Length <= span.Length);
            }

            TpktFraming.TryGetFrameLength(span, out int _, out IsoMalformedReason _);
        }
    }
}
