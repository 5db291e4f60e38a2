using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edge.Contracts.Provisioning;

namespace EdgeSensor.Provisioning;

/// <summary>
/// What provisioning gave the sensor, kept as one file (<c>identity.json</c>, 0600, replaced atomically) so the key, its
/// certificate, the CA and the configuration always belong together: a crash leaves the old identity or the new one,
/// never half of each. The private key was generated on the device and never left it.
/// </summary>
public sealed record SensorIdentity
{
    public required string Serial { get; init; }

    public required string KeyPem { get; init; }

    public required string CertificatePem { get; init; }

    public required string CaPem { get; init; }

    public required SensorConfiguration Configuration { get; init; }

    /// <summary>The endpoint provisioning went through (the broker, unless the configuration names another).</summary>
    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>The last configuration version refused, and why ("version N: reason"); reported in the status.</summary>
    public string? ConfigRefused { get; init; }

    public string BrokerHost => Configuration.BrokerHost ?? Host;

    public int BrokerPort => Configuration.BrokerPort ?? Port;

    public X509Certificate2 ClientCertificate() => X509Certificate2.CreateFromPem(CertificatePem, KeyPem);

    public X509Certificate2 Ca() => X509Certificate2.CreateFromPem(CaPem);

    /// <summary>When the certificate should be renewed: two thirds into its validity.</summary>
    public DateTimeOffset RenewAt()
    {
        using var cert = X509Certificate2.CreateFromPem(CertificatePem);
        DateTimeOffset from = cert.NotBefore.ToUniversalTime(), to = cert.NotAfter.ToUniversalTime();
        return from + ((to - from) * 2 / 3);
    }

    public static SensorIdentity? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ProvisioningJsonContext.Default.SensorIdentity);
        }
        catch (JsonException e)
        {
            throw new Hosting.SensorConfigException($"{path}: the sensor's identity is unreadable ({e.Message.Split('\n')[0]}); a factory reset provisions it afresh");
        }
    }

    public void Save(string path) => Files.WriteAtomically(path, JsonSerializer.Serialize(this, ProvisioningJsonContext.Default.SensorIdentity), secret: true);

    /// <summary>The key pair a request is made for: generated once on the device and kept (0600) until its certificate is stored.</summary>
    public static ECDsa LoadOrCreatePendingKey(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            try
            {
                key.ImportFromPem(File.ReadAllText(path));
                return key;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // A torn or foreign file: a new key (the collector refuses it if the serial is bound to the old one).
            }
        }

        key.Dispose();
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Files.WriteAtomically(path, key.ExportPkcs8PrivateKeyPem(), secret: true);
        return key;
    }

    /// <summary>A PKCS#10 request for <paramref name="key"/> with the serial number as CN (the collector sets the real CN).</summary>
    public static string Csr(ECDsa key, string serial)
    {
        var request = new CertificateRequest($"CN={serial}", key, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem();
    }

    /// <summary>The CA's SHA-256 fingerprint (hex, lower-case), as a claim bundle pins it.</summary>
    public static string Fingerprint(X509Certificate2 ca) => Convert.ToHexStringLower(SHA256.HashData(ca.RawData));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SensorIdentity))]
internal sealed partial class ProvisioningJsonContext : JsonSerializerContext
{
}
