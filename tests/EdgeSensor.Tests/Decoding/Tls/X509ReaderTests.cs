using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Tls;

namespace EdgeSensor.Tests.Decoding.Tls;

/// <summary>
/// The leaf certificates of the shared captures and two generated ones, against OpenSSL 3 (Debian 12):
/// expected subject/issuer strings were produced once with
/// <c>openssl x509 -inform DER -in leaf.der -noout -subject -issuer -nameopt RFC2253</c> (prefix removed), the leaves
/// extracted with <c>tshark -Y tls.handshake.certificate -T fields -E occurrence=f -e tls.handshake.certificate</c>
/// (<c>-d tcp.port==3389,tls</c> for the RDP capture), and self-signedness checked with
/// <c>openssl verify -no_check_time -CAfile leaf.pem leaf.pem</c> (OK for exactly the three self-signed ones).
/// </summary>
public sealed class X509ReaderTests
{
    public static TheoryData<string, string, string, string?, bool, string> CaptureLeaves() => new()
    {
        { "tls_self-signed-leaf_no-sni_generalizedtime.pcap", "CN=bro-generalizedtime-test,O=Bro,C=NL", "CN=bro-generalizedtime-test,O=Bro,C=NL", "bro-generalizedtime-test", true, "cd08183f5ed85d69936278bf8d3e9a850abe14921dbe45e6b28364512a19e0b8" },
        { "tls_self-signed-leaf_no-sni_no-cn.pcap", "O=TestCorp", "O=TestCorp", null, true, "3cd6d125cca7c6f128928b0570cd3dc6efb0ad52f95dbff292011106b7f8d4b4" },
        { "rdp_tls-security_cookie.pcap", "CN=WIN2K8R2.awakecoding.ath.cx", "CN=WIN2K8R2.awakecoding.ath.cx", "WIN2K8R2.awakecoding.ath.cx", true, "a5b05d2ae076130aa41060f53ecd72bdf864ea0179250e927549c94d5ab2499a" },
        { "tls_ca-chain-incl-root_no-sni.pcap", "CN=*.taleo.net,OU=Comodo PremiumSSL Wildcard,OU=Web,O=Taleo Inc.,street=4140 Dublin Boulevard,street=Suite 400,L=Dublin,ST=CA,postalCode=94568,C=US", "CN=COMODO High-Assurance Secure Server CA,O=COMODO CA Limited,L=Salford,ST=Greater Manchester,C=GB", "*.taleo.net", false, "95cb443934beda976276885461 91ab1d3989a835592cebdd2434f9ad41324ce1".Replace(" ", string.Empty, StringComparison.Ordinal) },
        { "tls_with-sni_ca-issued.pcap", "CN=*.gstatic.com,O=Google Inc,L=Mountain View,ST=California,C=US", "CN=Google Internet Authority,O=Google Inc,C=US", "*.gstatic.com", false, "a580247a25324adf4add5af648de4ac5798030dfd622f26a5f2280d7528ae244" },
        { "s7commplus_s7-1200_steady-state-with-it.pcapng", "CN=settings-win.data.microsoft.com,OU=WSE,O=Microsoft,L=Redmond,ST=WA,C=US", "CN=Microsoft Secure Server CA 2011,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US", "settings-win.data.microsoft.com", false, "77c80e36001d859e685ffecaf05f898a41de650b8a58dba5e6d1245352386946" },
    };

    [Theory]
    [MemberData(nameof(CaptureLeaves))]
    public void Capture_leaves_match_openssl(string capture, string subject, string issuer, string? commonName, bool selfSigned, string sha256)
    {
        byte[] der = Convert.FromHexString(Assert.Single(CaptureHandshakeScan.Run(capture).LeafCertificates));
        TlsCertificateFacts facts = Assert.IsType<TlsCertificateFacts>(TlsCertificateInspector.Inspect(der));
        Assert.Equal(subject, facts.Subject);
        Assert.Equal(issuer, facts.Issuer);
        Assert.Equal(commonName, facts.CommonName);
        Assert.Equal(selfSigned, facts.IsSelfSigned);
        Assert.Equal(selfSigned, facts.SubjectEqualsIssuer);
        Assert.Equal(sha256, facts.Sha256Fingerprint);
    }

    [Fact]
    public void Validity_reads_utctime_and_generalizedtime()
    {
        // openssl -dates: notBefore=Sep  1 13:33:37 2015 GMT, notAfter=Sep  1 13:33:37 2025 GMT (GeneralizedTime in the capture)
        byte[] der = Convert.FromHexString(Assert.Single(CaptureHandshakeScan.Run("tls_self-signed-leaf_no-sni_generalizedtime.pcap").LeafCertificates));
        Assert.Equal(DecodeStatus.Ok, X509Reader.TryRead(der, out X509CertificateView cert, out _));
        Assert.Equal(new DateTimeOffset(2015, 9, 1, 13, 33, 37, TimeSpan.Zero), cert.NotBefore);
        Assert.Equal(new DateTimeOffset(2025, 9, 1, 13, 33, 37, TimeSpan.Zero), cert.NotAfter);
        Assert.Equal(1, cert.Version);     // openssl -text: "Version: 1 (0x0)" (no [0] version element)
        Assert.Equal(new byte[] { 0x03, 0xE8 }, cert.SerialNumber.ToArray());   // openssl -serial: 03E8

        // UTCTime: notBefore=Feb 12 21:37:35 2011 GMT, notAfter=Feb 12 00:00:00 2021 GMT
        der = Convert.FromHexString(Assert.Single(CaptureHandshakeScan.Run("rdp_tls-security_cookie.pcap").LeafCertificates));
        Assert.Equal(DecodeStatus.Ok, X509Reader.TryRead(der, out cert, out _));
        Assert.Equal(new DateTimeOffset(2011, 2, 12, 21, 37, 35, TimeSpan.Zero).ToUnixTimeSeconds(), cert.NotBeforeUnixSeconds);
        Assert.Equal(new DateTimeOffset(2021, 2, 12, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), cert.NotAfterUnixSeconds);
    }

    /// <summary>
    /// Made with <c>openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -utf8
    /// -subj '/C=CH/L=Zürich/O=#Hash, Inc./CN=a&lt;b&gt;"c\\d=e'</c>; openssl prints
    /// <c>CN=a\&lt;b\&gt;\"c\\d=e,O=\#Hash\, Inc.,L=Z\C3\BCrich,C=CH</c> for both names. ECDSA P-256 / SHA-256, self-signed.
    /// </summary>
    private const string EscapesEcdsa =
        "308201d63082017ca003020102020107300a06082a8648ce3d040302304a310b30090603550406130243483110300e06035504070c075ac3bc7269636831143012060355040a0c0b23486173682c20496e632e3113301106035504030c0a613c623e22635c643d65301e170d3236313132373231323231395a170d3236313132383231323231395a304a310b30090603550406130243483110300e06035504070c075ac3bc7269636831143012060355040a0c0b23486173682c20496e632e3113301106035504030c0a613c623e22635c643d653059301306072a8648ce3d020106082a8648ce3d03010703420004ac5a0c1e71b7360e99756030e7ef99517f14720096b5e8951b1323575f5761e332a21f3942374ca9780619bd6b141fcf1ef260baf0f5b6f237a619ce6d9e3240a3533051301d0603551d0e0416041459a403a73f4f86373d386002ba811c534e6fd8bd301f0603551d2304183016801459a403a73f4f86373d386002ba811c534e6fd8bd300f0603551d130101ff040530030101ff300a06082a8648ce3d0403020348003045022100b7b8ed4546e3a8b3fe76112a7ddb4a8565e3b96dab4f64f48b5ec6437fe76b7e0220388a473e7c1b372e1088de35bcd0152275819450cd555a466f93465d06503375";

    /// <summary>
    /// Made with <c>openssl req -x509 -newkey rsa:1024 -sha256 -multivalue-rdn -subj '/DC=org/O= pad /CN=x+UID=y'</c>;
    /// openssl prints <c>UID=y+CN=x,O=\ pad\ ,DC=org</c> (DER sorts the SET, so CN comes first on the wire).
    /// </summary>
    private const string MultiValuedRsa =
        "3082024d308201b6a003020102020109300d06092a864886f70d01010b0500304231133011060a0992268993f22c64011916036f7267310e300c060355040a0c052070616420311b300806035504030c0178300f060a0992268993f22c6401010c0179301e170d3236313132373231323232325a170d3236313132383231323232325a304231133011060a0992268993f22c64011916036f7267310e300c060355040a0c052070616420311b300806035504030c0178300f060a0992268993f22c6401010c017930819f300d06092a864886f70d010101050003818d0030818902818100f38ccaaa0c70a77972e408c589482b618e52c12d2158800a272c844b194c79b2bff0e71f36906141ee8740a79a9bc24050cf43785c3a5fb3e90a39dfcc6b1d976e2eab7f385345518be3d1e63a2f47f0c98011f2cad963414d5b47b2474ebad9e805409beb999221910291bda8d0f8817956de8fef73b0aab5d866fdfe9c15750203010001a3533051301d0603551d0e0416041465c5e83e1c52c67a5d809934104288c7de1ac4a9301f0603551d2304183016801465c5e83e1c52c67a5d809934104288c7de1ac4a9300f0603551d130101ff040530030101ff300d06092a864886f70d01010b0500038181000b27fa31df48bfd285a4d0021d68a3856e5856540ea1c6dc068bae6bbfa977790856cf31305af0eed281661908184df6c85fed87003b9db7706ec915f8c500c4d2514a46591dae2b6837e55f03ae443abf0294928e07bee644cb5c9de91cd4b2789a247aa5936ffdf6c2e2dc2bc5f0291b3d22fa856b96d82765ade9666c31b2";

    [Fact]
    public void Rfc2253_escapes_match_openssl()
    {
        TlsCertificateFacts facts = Assert.IsType<TlsCertificateFacts>(TlsCertificateInspector.Inspect(Convert.FromHexString(EscapesEcdsa)));
        Assert.Equal("CN=a\\<b\\>\\\"c\\\\d=e,O=\\#Hash\\, Inc.,L=Z\\C3\\BCrich,C=CH", facts.Subject);
        Assert.Equal(facts.Subject, facts.Issuer);
        Assert.Equal("a<b>\"c\\d=e", facts.CommonName);
        Assert.True(facts.IsSelfSigned);   // ECDSA signature verified with its own key

        facts = Assert.IsType<TlsCertificateFacts>(TlsCertificateInspector.Inspect(Convert.FromHexString(MultiValuedRsa)));
        Assert.Equal("UID=y+CN=x,O=\\ pad\\ ,DC=org", facts.Subject);
        Assert.True(facts.IsSelfSigned);
    }

    [Fact]
    public void Same_name_with_a_foreign_signature_is_not_self_signed()
    {
        byte[] der = Convert.FromHexString(MultiValuedRsa);
        der[^1] ^= 0x01;    // flip one signature bit
        TlsCertificateFacts facts = Assert.IsType<TlsCertificateFacts>(TlsCertificateInspector.Inspect(der));
        Assert.True(facts.SubjectEqualsIssuer);
        Assert.False(facts.SignatureVerifiesWithOwnKey);
        Assert.False(facts.IsSelfSigned);
    }

    [Theory]
    [InlineData(new byte[] { }, X509MalformedReason.Truncated)]
    [InlineData(new byte[] { 0x30 }, X509MalformedReason.Truncated)]
    [InlineData(new byte[] { 0x30, 0x80, 0x00, 0x00 }, X509MalformedReason.BadLength)]            // BER indefinite length
    [InlineData(new byte[] { 0x30, 0x85, 1, 0, 0, 0, 0 }, X509MalformedReason.BadLength)]          // 5 length bytes
    [InlineData(new byte[] { 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF }, X509MalformedReason.Truncated)] // huge length, no bytes
    [InlineData(new byte[] { 0x31, 0x00 }, X509MalformedReason.UnexpectedTag)]                     // SET, not SEQUENCE
    [InlineData(new byte[] { 0x30, 0x00, 0x00 }, X509MalformedReason.TrailingBytes)]
    [InlineData(new byte[] { 0x30, 0x02, 0x1F, 0x00 }, X509MalformedReason.UnsupportedTag)]
    public void Broken_der_names_its_reason(byte[] der, X509MalformedReason expected)
    {
        Assert.Equal(DecodeStatus.Malformed, X509Reader.TryRead(der, out _, out X509MalformedReason reason));
        Assert.Equal(expected, reason);
        Assert.Null(TlsCertificateInspector.Inspect(der));
    }

    [Theory]
    [InlineData(0x17, "110212213735Z", 1297546655L)]
    [InlineData(0x17, "491231235959Z", 2524607999L)]     // YY < 50: 20YY
    [InlineData(0x17, "500101000000Z", -631152000L)]     // YY >= 50: 19YY
    [InlineData(0x18, "20150901133337Z", 1441114417L)]
    [InlineData(0x18, "20150901133337.123Z", 1441114417L)]
    [InlineData(0x17, "1102122137Z", 1297546620L)]       // no seconds (BER-era issuers)
    public void Times_parse(byte tag, string text, long expected)
    {
        Assert.True(X509Time.TryParse(tag, System.Text.Encoding.ASCII.GetBytes(text), out long seconds));
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData(0x17, "110212213735")]        // no Z
    [InlineData(0x17, "110212213735+0100")]   // offsets are not UTC
    [InlineData(0x17, "111312213735Z")]       // month 13
    [InlineData(0x17, "110230213735Z")]       // 30 February
    [InlineData(0x18, "00000101000000Z")]     // year 0
    [InlineData(0x04, "110212213735Z")]       // not a time type
    [InlineData(0x18, "2015")]
    public void Bad_times_are_refused(byte tag, string text)
    {
        Assert.False(X509Time.TryParse(tag, System.Text.Encoding.ASCII.GetBytes(text), out _));
    }
}
