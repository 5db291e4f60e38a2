using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Collector.Benchmarks.Dashboard;

/// <summary>
/// A throwaway CA and the collector's server certificate as PEM files in a temp directory: the embedded broker only
/// listens with TLS, so the collector will not start without them; client certificates (sensors, a collector that
/// connects to an external broker) on demand. (The CA code of tests/Collector.Tests/Infrastructure/TestPki.)
/// </summary>
public sealed class BenchPki : IDisposable
{
    private readonly ECDsa _caKey;

    public BenchPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("edge-bench-pki-").FullName;
        _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Edge Bench CA", _caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        Ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 server = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);

        CaPath = Write("ca.pem", Ca.ExportCertificatePem());
        CertPath = Write("server.pem", server.ExportCertificatePem());
        KeyPath = Write("server.key", key.ExportPkcs8PrivateKeyPem());
    }

    public string Directory { get; }

    /// <summary>The CA certificate (for clients that check the broker's chain).</summary>
    public X509Certificate2 Ca { get; }

    public string CaPath { get; }

    public string CertPath { get; }

    public string KeyPath { get; }

    /// <summary>A client certificate (EKU clientAuth) with its private key, CN = <paramref name="id"/>.</summary>
    public X509Certificate2 IssueClient(string id)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={id}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A client certificate for <paramref name="id"/> as PEM files (for the collector's <c>--cert/--key</c>).</summary>
    public (string CertPath, string KeyPath) WriteClient(string id)
    {
        using X509Certificate2 client = IssueClient(id);
        using ECDsa key = client.GetECDsaPrivateKey()!;
        return (Write(id + ".pem", client.ExportCertificatePem()), Write(id + ".key", key.ExportPkcs8PrivateKeyPem()));
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private string Write(string file, string pem)
    {
        string path = Path.Combine(Directory, file);
        File.WriteAllText(path, pem);
        return path;
    }
}
