using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Tcp;
using EdgeSensor.Decoding.Tls;

namespace EdgeSensor.Tests.Decoding.Tls;

public sealed class TlsStreamParserTests
{
    private readonly BufferPool _pool = new(64 * 1024, 4);

    // ---- valid ----

    [Fact]
    public void Client_hello_from_the_rdp_capture_gives_sni_and_version()
    {
        var receiver = Feed(TlsFixtures.RdpClientHello, out TlsHandshakeState state);
        Assert.Equal(["MSG ClientHello 112", "CH v=0301 legacy=0301 sni=192.168.1.150 alpn= suites=12 ext=4"], receiver.Events);
        Assert.True(state.IsTls);
        Assert.False(state.HoldsBuffer);
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public void Windows_client_hello_gives_sni_and_alpn()
    {
        var receiver = Feed(TlsFixtures.WindowsClientHello, out _);
        Assert.Equal("CH v=0303 legacy=0303 sni=settings-win.data.microsoft.com alpn=h2 suites=19 ext=9", receiver.Events[1]);
    }

    [Fact]
    public void Server_hello_and_change_cipher_spec_end_the_inspection()
    {
        byte[] stream = [.. TlsFixtures.RdpServerHelloRecord, .. TlsFixtures.Record(20, 0x01), .. TlsFixtures.Record(22, 0xde, 0xad)];
        var receiver = Feed(stream, out TlsHandshakeState state);
        Assert.Equal(["MSG ServerHello 70", "SH v=0301 suite=002f hrr=False", "DONE"], receiver.Events);
        Assert.True(state.IsDone);
        Assert.Equal(TlsVersions.Tls10, state.NegotiatedVersion);
    }

    [Fact]
    public void Tls13_versions_come_from_supported_versions()
    {
        Assert.Equal(DecodeStatus.Ok, TlsHelloReader.TryReadClientHello(TlsFixtures.Tls13ClientHelloBody, out TlsClientHello ch, out _));
        Assert.Equal(TlsVersions.Tls13, ch.Version);
        Assert.Equal(TlsVersions.Tls12, ch.LegacyVersion);
        Assert.True(ch.HasSupportedVersions);
        Assert.False(ch.HasServerName);
        Assert.False(ch.HasServerNameExtension);

        Assert.Equal(DecodeStatus.Ok, TlsHelloReader.TryReadServerHello(TlsFixtures.Tls13ServerHelloBody, out TlsServerHello sh, out _));
        Assert.Equal(TlsVersions.Tls13, sh.Version);
        Assert.Equal(0x1301, sh.CipherSuite);
        Assert.False(sh.IsHelloRetryRequest);
    }

    [Fact]
    public void A_message_split_over_three_records_is_assembled_in_a_pooled_buffer()
    {
        byte[] message = TlsFixtures.Handshake(1, TlsFixtures.Tls13ClientHelloBody);
        byte[] stream = [.. TlsFixtures.Record(22, message[..10]), .. TlsFixtures.Record(22, message[10..30]), .. TlsFixtures.Record(22, message[30..])];
        var receiver = new RecordingReceiver();
        var state = default(TlsHandshakeState);
        TlsStreamParser.Process(ref state, stream.AsSpan(0, 40), _pool, receiver);
        Assert.True(state.HoldsBuffer);
        Assert.Equal(1, _pool.Outstanding);
        TlsStreamParser.Process(ref state, stream.AsSpan(40), _pool, receiver);
        Assert.Equal(["MSG ClientHello 54", "CH v=0304 legacy=0303 sni= alpn= suites=1 ext=1"], receiver.Events);
        Assert.False(state.HoldsBuffer);
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public void Leading_tpkt_of_rdp_is_skipped_once()
    {
        // rdp_tls-security_cookie.pcap frame 6: TPKT + X.224 CC with RDP_NEG_RSP (PROTOCOL_SSL), then the ServerHello.
        byte[] cc = [0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00, 0x02, 0x01, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00];
        var receiver = Feed([.. cc, .. TlsFixtures.RdpServerHelloRecord], out _);
        Assert.Contains("SH v=0301 suite=002f hrr=False", receiver.Events);

        // A second TPKT (RDP standard security: MCS follows) means the direction is not TLS.
        receiver = Feed([.. cc, .. cc], out TlsHandshakeState state);
        Assert.Empty(receiver.Events);
        Assert.True(state.IsNotTls);
    }

    [Fact]
    public void Certificate_message_yields_the_leaf_and_chain_length()
    {
        byte[] leaf = [0x30, 0x03, 0x02, 0x01, 0x07];
        byte[] other = [0x30, 0x00];
        byte[] body = [0x00, 0x00, 0x0d, 0x00, 0x00, 0x05, .. leaf, 0x00, 0x00, 0x02, .. other];
        Assert.Equal(DecodeStatus.Ok, TlsCertificateMessage.TryReadLeaf(body, false, out ReadOnlySpan<byte> got, out int n, out _));
        Assert.Equal(leaf, got.ToArray());
        Assert.Equal(2, n);
    }

    // ---- incomplete ----

    [Fact]
    public void Every_prefix_of_a_hello_reports_nothing_and_keeps_at_most_one_buffer()
    {
        for (int cut = 0; cut < TlsFixtures.RdpClientHello.Length; cut++)
        {
            var receiver = Feed(TlsFixtures.RdpClientHello.AsSpan(0, cut).ToArray(), out TlsHandshakeState state);
            Assert.Empty(receiver.Events);
            Assert.False(state.IsDone);
            Assert.True(_pool.Outstanding <= 1);
            TlsStreamParser.Reset(ref state, _pool);
            Assert.Equal(0, _pool.Outstanding);
        }
    }

    [Fact]
    public void Record_framing_answers_need_more_data_for_a_short_header()
    {
        Assert.Equal(DecodeStatus.NeedMoreData, TlsRecordFraming.TryGetFrameLength([0x16, 0x03, 0x01], out int _, out TlsMalformedReason _));
        Assert.Equal(DecodeStatus.Ok, TlsRecordFraming.TryGetFrameLength(TlsFixtures.RdpClientHello, out int length, out TlsMalformedReason _));
        Assert.Equal(121, length);
    }

    // ---- malformed / not TLS ----

    [Theory]
    [InlineData(new byte[] { 0x15, 0x03, 0x01, 0x00, 0x02 }, DecodeStatus.Ok)]
    [InlineData(new byte[] { 0x19, 0x03, 0x01, 0x00, 0x02 }, DecodeStatus.NotThisProtocol)]   // content type 25
    [InlineData(new byte[] { 0x16, 0x02, 0x01, 0x00, 0x02 }, DecodeStatus.NotThisProtocol)]   // major 2
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x48, 0x01 }, DecodeStatus.Malformed)]         // 18433 > 2^14 + 2048
    public void Record_framing_rejects_cheaply(byte[] header, DecodeStatus expected)
    {
        Assert.Equal(expected, TlsRecordFraming.TryGetFrameLength(header, out int _, out TlsMalformedReason _));
    }

    [Fact]
    public void Modbus_on_the_stream_is_not_tls()
    {
        byte[] mbap = [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01];
        var receiver = new RecordingReceiver();
        var state = default(TlsHandshakeState);
        Assert.Equal(DecodeStatus.NotThisProtocol, TlsStreamParser.Process(ref state, mbap, _pool, receiver));
        Assert.True(state.IsNotTls && state.IsDone);
        Assert.Empty(receiver.Events);
    }

    [Fact]
    public void A_broken_second_record_header_is_malformed_and_stops()
    {
        byte[] stream = [.. TlsFixtures.RdpServerHelloRecord, 0x42, 0x03, 0x03, 0x00, 0x01, 0x00];
        var receiver = new RecordingReceiver();
        var state = default(TlsHandshakeState);
        Assert.Equal(DecodeStatus.Malformed, TlsStreamParser.Process(ref state, stream, _pool, receiver));
        Assert.Equal("MALFORMED RecordBadContentType", receiver.Events[^1]);
        Assert.True(state.IsDone);
    }

    [Fact]
    public void An_alert_inside_a_handshake_message_is_interleaving()
    {
        byte[] message = TlsFixtures.Handshake(1, TlsFixtures.Tls13ClientHelloBody);
        byte[] stream = [.. TlsFixtures.Record(22, message[..10]), .. TlsFixtures.Record(21, 0x02, 0x28), .. TlsFixtures.Record(22, message)];
        var receiver = Feed(stream, out _);
        Assert.Equal("MALFORMED HandshakeInterleaved", receiver.Events[0]);
        Assert.Contains("CH v=0304 legacy=0303 sni= alpn= suites=1 ext=1", receiver.Events);
        Assert.Equal(0, _pool.Outstanding);
    }

    [Theory]
    [InlineData(10, TlsMalformedReason.HelloTruncated)]       // cut inside the random
    [InlineData(36, TlsMalformedReason.HelloTruncated)]       // cut inside the cipher suites
    [InlineData(44, TlsMalformedReason.ExtensionOverrun)]     // extensions length 11, fewer bytes
    public void Truncated_hello_bodies_name_their_reason(int length, TlsMalformedReason expected)
    {
        Assert.Equal(DecodeStatus.Malformed, TlsHelloReader.TryReadClientHello(TlsFixtures.Tls13ClientHelloBody.AsSpan(0, length), out _, out TlsMalformedReason reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Inner_extension_lengths_are_checked()
    {
        byte[] body = TlsFixtures.RdpClientHello[9..];
        body[70] = 0x11;    // server_name list length 16 -> 17: past the extension
        Assert.Equal(DecodeStatus.Malformed, TlsHelloReader.TryReadClientHello(body, out _, out TlsMalformedReason reason));
        Assert.Equal(TlsMalformedReason.ServerNameMalformed, reason);

        body = [.. TlsFixtures.Tls13ClientHelloBody];
        body[47] = 0x05;    // supported_versions list length 6 -> 5 (odd)
        Assert.Equal(DecodeStatus.Malformed, TlsHelloReader.TryReadClientHello(body, out _, out reason));
        Assert.Equal(TlsMalformedReason.SupportedVersionsMalformed, reason);
    }

    [Fact]
    public void A_message_larger_than_the_buffer_is_reported_and_no_buffer_leaks()
    {
        var small = new BufferPool(16, 1);
        byte[] message = TlsFixtures.Handshake(1, TlsFixtures.Tls13ClientHelloBody);
        byte[] stream = [.. TlsFixtures.Record(22, message[..10]), .. TlsFixtures.Record(22, message[10..])];
        var receiver = new RecordingReceiver();
        var state = default(TlsHandshakeState);
        TlsStreamParser.Process(ref state, stream, small, receiver);
        Assert.Equal(["MALFORMED HandshakeMessageTooLarge"], receiver.Events);
        Assert.Equal(0, small.Outstanding);
    }

    private RecordingReceiver Feed(byte[] stream, out TlsHandshakeState state)
    {
        var receiver = new RecordingReceiver();
        state = default;
        TlsStreamParser.Process(ref state, stream, _pool, receiver);
        return receiver;
    }
}
