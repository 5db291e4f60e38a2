using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Collector.Hosting;

namespace Collector.Provisioning;

/// <summary>
/// The collector's certificate authority and TLS certificate. With no <c>--ca/--cert/--key</c> (the embedded default)
/// they are made on first start in <c>&lt;data&gt;/pki</c>: an ECDSA P-256 CA (10 years), a server certificate it
/// signs (2 years, made again when less than 30 days are left) and, with <c>--broker</c>, the collector's client
/// certificate for the external broker. Private keys are created 0600 (readable by the service user only); the CA's
/// key can live elsewhere (<c>--ca-key FILE</c>, e.g. on a removable or root-only volume). With <c>--ca/--cert/--key</c>
/// a plant's own PKI is used as it is, and sensors can be provisioned only when <c>--ca-key</c> is given too.
/// </summary>
public sealed class CollectorPki : IDisposable, Discovery.ICaFingerprintSource
{
    public const string Folder = "pki";

    /// <summary>How long before the end of its validity the server certificate is made again at start.</summary>
    public static readonly TimeSpan ServerRenewBefore = TimeSpan.FromDays(30);

    private readonly ECDsa? _caKey;

    private CollectorPki(X509Certificate2 ca, ECDsa? caKey, X509Certificate2 server, X509Certificate2? client, bool generated)
    {
        Ca = ca;
        _caKey = caKey;
        Server = server;
        Client = client;
        Generated = generated;
        CaFingerprint = Fingerprint(ca);
    }

    /// <summary>The CA certificate (public): what sensors pin and the broker trusts.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The collector's TLS certificate with its key (the embedded broker's, the dashboard's on https).</summary>
    public X509Certificate2 Server { get; }

    /// <summary>With <c>--broker</c>: the collector's client certificate for the external broker.</summary>
    public X509Certificate2? Client { get; }

    /// <summary>True when the PKI is the collector's own (made in the data folder), false for a plant's PEM files.</summary>
    public bool Generated { get; }

    /// <summary>SHA-256 of the CA certificate's DER, lower-case hex: what a claim bundle carries for sensors to pin.</summary>
    public string CaFingerprint { get; }

    /// <summary>What the mDNS responder announces (TXT <c>fp</c>); sensors still pin the fingerprint their claim carries.</summary>
    public string? GetCaFingerprint() => CaFingerprint;

    /// <summary>The CA's private key is here: sensors can be provisioned (certificates signed).</summary>
    public bool CanIssue => _caKey is not null;

    public static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>"ab:cd:..." for people comparing it by eye.</summary>
    public static string Colons(string hex) => string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));

    /// <summary>Loads the configured PEM files, or the collector's own PKI (made on first start).</summary>
    public static CollectorPki LoadOrCreate(CollectorOptions options, TimeProvider time)
    {
        bool any = !string.IsNullOrWhiteSpace(options.CaPath) || !string.IsNullOrWhiteSpace(options.CertPath) || !string.IsNullOrWhiteSpace(options.KeyPath);
        try
        {
            return any ? LoadConfigured(options) : LoadOwn(options, time);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new CollectorConfigException($"cannot load the TLS certificates: {ex.Message}");
        }
    }

    private static CollectorPki LoadConfigured(CollectorOptions o)
    {
        string ca = Require(o.CaPath, "--ca"), cert = Require(o.CertPath, "--cert"), key = Require(o.KeyPath, "--key");
        X509Certificate2 server = X509Certificate2.CreateFromPemFile(cert, key);
        if (!server.HasPrivateKey)
        {
            throw new CollectorConfigException($"{cert}: the key in {key} does not belong to this certificate.");
        }

        X509Certificate2 caCert = X509Certificate2.CreateFromPem(File.ReadAllText(ca));
        ECDsa? caKey = null;
        if (!string.IsNullOrWhiteSpace(o.CaKeyPath))
        {
            caKey = LoadKey(o.CaKeyPath);
            if (!SameKey(caCert, caKey))
            {
                throw new CollectorConfigException($"--ca-key {o.CaKeyPath}: not the key of the CA in {ca}.");
            }
        }

        // With --broker, --cert/--key are the collector's client certificate for the external broker.
        X509Certificate2? client = string.IsNullOrEmpty(o.Broker) ? null : X509Certificate2.CreateFromPemFile(cert, key);
        return new CollectorPki(caCert, caKey, server, client, generated: false);
    }

    private static CollectorPki LoadOwn(CollectorOptions o, TimeProvider time)
    {
        string dir = Path.Combine(o.DataDirectory, Folder);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
        }
        else
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        string caPem = Path.Combine(dir, "ca.pem");
        string caKeyPath = string.IsNullOrWhiteSpace(o.CaKeyPath) ? Path.Combine(dir, "ca.key") : o.CaKeyPath;
        X509Certificate2 ca;
        ECDsa caKey;
        if (File.Exists(caPem))
        {
            ca = X509Certificate2.CreateFromPem(File.ReadAllText(caPem));
            if (!File.Exists(caKeyPath))
            {
                throw new CollectorConfigException($"{caPem} exists but its key {caKeyPath} does not (give --ca-key where it is kept).");
            }

            caKey = LoadKey(caKeyPath);
            if (!SameKey(ca, caKey))
            {
                throw new CollectorConfigException($"{caKeyPath}: not the key of the CA in {caPem}.");
            }
        }
        else
        {
            caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            DateTimeOffset now = time.GetUtcNow();
            var request = new CertificateRequest($"CN=Edge collector CA {Environment.MachineName}, O=Edge", caKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using (X509Certificate2 created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10)))
            {
                ca = X509CertificateLoader.LoadCertificate(created.RawData);   // the public part; the key is kept apart
            }

            WriteSecret(caKeyPath, caKey.ExportPkcs8PrivateKeyPem());
            WriteAtomically(caPem, ca.ExportCertificatePem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        X509Certificate2 server = LoadOrIssue(dir, "server", ca, caKey, time, serverAuth: true, ServerName(), TimeSpan.FromDays(730));
        X509Certificate2? client = string.IsNullOrEmpty(o.Broker) ? null
            : LoadOrIssue(dir, "collector", ca, caKey, time, serverAuth: false, o.CollectorId, TimeSpan.FromDays(730));
        return new CollectorPki(ca, caKey, server, client, generated: true);
    }

    /// <summary>Signs a client certificate for <paramref name="publicKey"/> with common name <paramref name="commonName"/>.</summary>
    public X509Certificate2 IssueClient(PublicKey publicKey, string commonName, TimeSpan lifetime, DateTimeOffset now)
    {
        ECDsa caKey = _caKey ?? throw new InvalidOperationException("the CA's private key is not available (--ca-key)");
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), publicKey, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, serverAuth: false, commonName);
        // Back-dated a little for clocks that lag, never by more than a tenth of a short lifetime.
        TimeSpan backdate = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, lifetime.Ticks / 10));
        return request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now - backdate, now + lifetime, NewSerial());
    }

    /// <summary>A batch claim certificate and its key (CN <c>claim.&lt;batch&gt;</c>).</summary>
    public (X509Certificate2 Certificate, ECDsa Key) IssueClaim(string claimId, TimeSpan lifetime, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 cert = IssueClient(new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).PublicKey, claimId, lifetime, now);
        return (X509CertificateLoader.LoadCertificate(cert.RawData), key);
    }

    /// <summary>A server certificate for another broker (Mosquitto) of this plant, with its key.</summary>
    public X509Certificate2 IssueServer(IEnumerable<string> names, TimeSpan lifetime, DateTimeOffset now)
    {
        ECDsa caKey = _caKey ?? throw new InvalidOperationException("the CA's private key is not available (--ca-key)");
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string[] all = names.ToArray();
        var request = new CertificateRequest($"CN={all[0]}", key, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, serverAuth: true, all);
        using X509Certificate2 cert = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), now + lifetime, NewSerial());
        return cert.CopyWithPrivateKey(key);
    }

    /// <summary>A CRL of the given certificate serial numbers (hex), signed by the CA, as PEM (Mosquitto's <c>crlfile</c>).</summary>
    public string BuildCrl(IEnumerable<(string SerialHex, DateTimeOffset RevokedAt)> revoked, long crlNumber, DateTimeOffset now, TimeSpan? validity = null)
    {
        ECDsa caKey = _caKey ?? throw new InvalidOperationException("the CA's private key is not available (--ca-key)");
        var builder = new CertificateRevocationListBuilder();
        foreach ((string serial, DateTimeOffset at) in revoked)
        {
            builder.AddEntry(Convert.FromHexString(serial), at);
        }

        using X509Certificate2 signer = Ca.CopyWithPrivateKey(caKey);
        byte[] der = builder.Build(signer, crlNumber, now + (validity ?? TimeSpan.FromDays(7)), HashAlgorithmName.SHA256, thisUpdate: now.AddMinutes(-1));
        return PemEncoding.WriteString("X509 CRL", der) + "\n";
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey?.Dispose();
        Server.Dispose();
        Client?.Dispose();
    }

    /// <summary>Writes a private key readable by the owner only (created 0600, replaced atomically).</summary>
    public static void WriteSecret(string path, string pem) => WriteAtomically(path, pem, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    public static void WriteAtomically(string path, string text, UnixFileMode mode)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        string temp = path + ".tmp";
        File.Delete(temp);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temp, create))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static X509Certificate2 LoadOrIssue(string dir, string name, X509Certificate2 ca, ECDsa caKey, TimeProvider time, bool serverAuth, string cn, TimeSpan lifetime)
    {
        string pem = Path.Combine(dir, name + ".pem"), key = Path.Combine(dir, name + ".key");
        DateTimeOffset now = time.GetUtcNow();
        if (File.Exists(pem) && File.Exists(key))
        {
            X509Certificate2 existing = X509Certificate2.CreateFromPemFile(pem, key);
            if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > ServerRenewBefore
                && existing.Issuer == ca.Subject
                && existing.GetNameInfo(X509NameType.SimpleName, false) == cn)
            {
                return existing;
            }

            existing.Dispose();
        }

        using ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={cn}", leafKey, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, serverAuth, serverAuth ? ServerNames(cn) : [cn]);
        using X509Certificate2 issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), now + lifetime, NewSerial());
        WriteSecret(key, leafKey.ExportPkcs8PrivateKeyPem());
        WriteAtomically(pem, issued.ExportCertificatePem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return issued.CopyWithPrivateKey(leafKey);
    }

    private static void AddLeafExtensions(CertificateRequest request, bool serverAuth, params string[] names)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? Broker.ClientCertificateValidator.ServerAuthenticationOid : Broker.ClientCertificateValidator.ClientAuthenticationOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (string name in names)
            {
                if (IPAddress.TryParse(name, out IPAddress? ip))
                {
                    san.AddIpAddress(ip);
                }
                else
                {
                    san.AddDnsName(name);
                }
            }

            request.CertificateExtensions.Add(san.Build());
        }
    }

    /// <summary>The names the embedded broker answers to: this host, the documented default name, loopback.</summary>
    private static string ServerName() => "edge-collector";

    private static string[] ServerNames(string cn)
    {
        var names = new List<string> { cn, "localhost", "127.0.0.1", "::1" };
        string host = Environment.MachineName.ToLowerInvariant();
        if (Uri.CheckHostName(host) == UriHostNameType.Dns && !names.Contains(host))
        {
            names.Add(host);
        }

        return [.. names];
    }

    private static byte[] NewSerial()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }

    private static ECDsa LoadKey(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    private static bool SameKey(X509Certificate2 certificate, ECDsa key)
    {
        using ECDsa? pub = certificate.GetECDsaPublicKey();
        return pub is not null && pub.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());
    }

    private static string Require(string? path, string option) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new CollectorConfigException($"{option} FILE (PEM) is missing: give --ca, --cert and --key together, or none (the collector then makes its own CA in --data/{Folder}).")
            : File.Exists(path) ? path : throw new CollectorConfigException($"{option} {path}: no such file.");
}
