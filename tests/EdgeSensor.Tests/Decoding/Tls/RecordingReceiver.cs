using System.Text;
using EdgeSensor.Decoding.Tls;

namespace EdgeSensor.Tests.Decoding.Tls;

/// <summary>Writes every callback as one line of text, so two runs can be compared as lists.</summary>
internal sealed class RecordingReceiver : ITlsHandshakeReceiver
{
    public List<string> Events { get; } = [];

    public void OnClientHello(in TlsClientHello hello) =>
        Events.Add($"CH v={hello.Version:x4} legacy={hello.LegacyVersion:x4} sni={Encoding.ASCII.GetString(hello.ServerName)} alpn={Encoding.ASCII.GetString(hello.FirstAlpnProtocol)} suites={hello.CipherSuites.Length / 2} ext={hello.ExtensionCount}");

    public void OnServerHello(in TlsServerHello hello) =>
        Events.Add($"SH v={hello.Version:x4} suite={hello.CipherSuite:x4} hrr={hello.IsHelloRetryRequest}");

    public void OnCertificate(ReadOnlySpan<byte> leafDer, int chainLength) =>
        Events.Add($"CERT n={chainLength} leaf={Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(leafDer))}");

    public void OnHandshakeDone() => Events.Add("DONE");

    public void OnMalformed(TlsMalformedReason reason) => Events.Add($"MALFORMED {reason}");

    public void OnHandshakeMessage(TlsHandshakeType type, ReadOnlySpan<byte> body) => Events.Add($"MSG {type} {body.Length}");
}
