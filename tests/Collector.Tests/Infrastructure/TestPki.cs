using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Collector.Tests.Infrastructure;

/// <summary>A CA, the collector's server certificate and sensor certificates, generated per test; PEMs in a temp dir.</summary>
internal sealed class TestPki : IDisposable
{
    public TestPki(string name = "Edge Test CA")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("edge-pki-").FullName;
        (Ca, _caKey) = CreateCa(name);
        using X509Certificate2 server = Issue(Ca, _caKey, "localhost", serverAuth: true);
        CaPath = Write("ca.pem", Ca.ExportCertificatePem());
        CertPath = Write("server.pem", server.ExportCertificatePem());
        KeyPath = Write("server.key", server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    private readonly ECDsa _caKey;

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public string CaPath { get; }

    public string CertPath { get; }

    public string KeyPath { get; }

    public X509Certificate2 IssueClient(string sensorId) => Issue(Ca, _caKey, sensorId, serverAuth: false);

    /// <summary>A client certificate for <paramref name="id"/> written as PEM files (for processes: a sensor, a collector).</summary>
    public (string CertPath, string KeyPath) WriteClient(string id)
    {
        using X509Certificate2 client = IssueClient(id);
        return (Write(id + ".pem", client.ExportCertificatePem()), Write(id + ".key", client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()));
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static (X509Certificate2, ECDsa) CreateCa(string name)
    {
        ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return (request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1)), key);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, ECDsa caKey, string cn, bool serverAuth)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        return issued.CopyWithPrivateKey(key);
    }

    private string Write(string file, string pem)
    {
        string path = Path.Combine(Directory, file);
        File.WriteAllText(path, pem);
        return path;
    }
}
