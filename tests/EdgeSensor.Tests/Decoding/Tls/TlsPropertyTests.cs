using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Tcp;
using EdgeSensor.Decoding.Tls;

namespace EdgeSensor.Tests.Decoding.Tls;

/// <summary>Seeded random and mutated streams: no throw, no read past the span, no leaked buffer, same answer in any cut.</summary>
public sealed class TlsPropertyTests
{
    [Fact]
    public void Random_and_mutated_streams_never_throw_and_give_the_same_events_in_any_cut()
    {
        var random = new Random(4711);
        byte[][] seeds =
        [
            TlsFixtures.RdpClientHello,
            TlsFixtures.WindowsClientHello,
            [.. TlsFixtures.RdpServerHelloRecord, .. TlsFixtures.Record(22, TlsFixtures.Handshake(11, [0x00, 0x00, 0x07, 0x00, 0x00, 0x04, 0x30, 0x02, 0x05, 0x00]))],
            TlsFixtures.Record(22, TlsFixtures.Handshake(1, TlsFixtures.Tls13ClientHelloBody)),
        ];
        for (int i = 0; i < 3_000; i++)
        {
            byte[] stream;
            if (i % 4 == 0)
            {
                stream = new byte[random.Next(0, 300)];
                random.NextBytes(stream);
                if (stream.Length > 1 && random.Next(2) == 0)
                {
                    stream[0] = 0x16;
                    stream[1] = 0x03;
                }
            }
            else
            {
                stream = [.. seeds[random.Next(seeds.Length)]];
                int flips = random.Next(1, 4);
                for (int f = 0; f < flips && stream.Length > 0; f++)
                {
                    stream[random.Next(stream.Length)] = (byte)random.Next(256);
                }

                stream = stream[..random.Next(stream.Length + 1)];
            }

            List<string> whole = Run(stream, stream.Length == 0 ? 1 : stream.Length, out int leftWhole);
            List<string> bytewise = Run(stream, 1, out int leftBytewise);
            List<string> odd = Run(stream, 1 + random.Next(13), out _);
            Assert.Equal(whole, bytewise);
            Assert.Equal(whole, odd);
            Assert.Equal(0, leftWhole);
            Assert.Equal(0, leftBytewise);
        }
    }

    [Fact]
    public void Hello_and_certificate_readers_never_read_past_their_span()
    {
        var random = new Random(2024);
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(0, 120);
            byte[] padded = new byte[length + 8];
            random.NextBytes(padded.AsSpan(0, length));
            padded.AsSpan(length).Fill(0xEE);
            var a = Decode(padded.AsSpan(0, length));
            padded.AsSpan(length).Fill(0x11);
            var b = Decode(padded.AsSpan(0, length));
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void X509_reader_never_throws_on_mutated_certificates()
    {
        var random = new Random(77);
        byte[] seed = Convert.FromHexString(Assert.Single(CaptureHandshakeScan.Run("tls_self-signed-leaf_no-sni_no-cn.pcap").LeafCertificates));
        for (int i = 0; i < 2_000; i++)
        {
            byte[] der = [.. seed];
            for (int f = random.Next(1, 4); f > 0; f--)
            {
                der[random.Next(der.Length)] = (byte)random.Next(256);
            }

            der = der[..random.Next(der.Length + 1)];
            if (X509Reader.TryRead(der, out X509CertificateView cert, out _) == DecodeStatus.Ok)
            {
                X509NameFormatter.TryFormatRfc2253(cert.Subject, out _);
                X509NameFormatter.GetCommonName(cert.Issuer);
            }

            TlsCertificateInspector.Inspect(der);
        }
    }

    private static (DecodeStatus, TlsMalformedReason, ushort, int, DecodeStatus, TlsMalformedReason, ushort, DecodeStatus, int, int) Decode(ReadOnlySpan<byte> body)
    {
        var s1 = TlsHelloReader.TryReadClientHello(body, out TlsClientHello ch, out TlsMalformedReason r1);
        var s2 = TlsHelloReader.TryReadServerHello(body, out TlsServerHello sh, out TlsMalformedReason r2);
        var s3 = TlsCertificateMessage.TryReadLeaf(body, false, out ReadOnlySpan<byte> leaf, out int n, out _);
        return (s1, r1, ch.Version, ch.ServerName.Length, s2, r2, sh.CipherSuite, s3, leaf.Length, n);
    }

    private static List<string> Run(byte[] stream, int chunk, out int outstanding)
    {
        var pool = new BufferPool(1024, 2);
        var receiver = new RecordingReceiver();
        var state = default(TlsHandshakeState);
        for (int i = 0; i < stream.Length; i += chunk)
        {
            TlsStreamParser.Process(ref state, stream.AsSpan(i, Math.Min(chunk, stream.Length - i)), pool, receiver);
        }

        receiver.Events.Add($"done={state.IsDone} tls={state.IsTls} records={state.Records} messages={state.HandshakeMessages}");
        TlsStreamParser.Reset(ref state, pool);
        outstanding = pool.Outstanding;
        return receiver.Events;
    }
}
