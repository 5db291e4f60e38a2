using System.Security.Cryptography.X509Certificates;
using System.Globalization;
using System.Text.Json;
using Collector.Hosting;
using Edge.Contracts.Provisioning;
using Edge.Contracts.Serialization;

namespace Collector.Provisioning;

/// <summary>
/// <c>edge-collector claim</c> (a factory claim bundle for a batch of sensors) and <c>edge-collector server-certificate</c>
/// (a TLS certificate from the collector's CA for an external broker), both from the PKI in <c>--data</c> (or the
/// plant's, with <c>--ca --cert --key --ca-key</c>).
/// </summary>
public static class PkiCommands
{
    public const string ClaimHelp = """
        usage: edge-collector claim [--data DIR] [--ca-key FILE] [--batch NAME] [--endpoint HOST[:PORT]] [--days N] [--out FILE]

        Writes a factory claim bundle (JSON, 0600) for a batch of sensors: a claim certificate (CN claim.<batch>) and its
        key, signed by the collector's CA, the CA's fingerprint for the sensors to pin, and optionally the collector's
        provisioning endpoint (without one a sensor asks DNS-SD on its uplink, then tries the host name edge-collector).
        Copy it to each sensor's boot partition as edge-provisioning.json. A claim lets a device ask to be provisioned,
        nothing more. Defaults: --data data, --batch default, --days 365, --out edge-provisioning.json.
        """;

    public const string ServerHelp = """
        usage: edge-collector server-certificate [--data DIR] [--ca-key FILE] --name NAME [--name NAME...] [--days N] --out DIR

        Writes server.pem and server.key (0600) for another broker of the plant (Mosquitto), signed by the collector's CA
        (names: DNS names or IP addresses; the first is the CN), and ca.pem beside them.
        """;

    public static int Claim(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParse(args, ["--data", "--ca", "--cert", "--key", "--ca-key", "--batch", "--endpoint", "--days", "--out"], out var values, out string? error))
        {
            stderr.WriteLine($"edge-collector claim: {error}");
            return 2;
        }

        string batch = values.GetValueOrDefault("--batch", "default").ToLowerInvariant();
        string claimId = batch.StartsWith(ProvisioningTopics.ClaimPrefix, StringComparison.Ordinal) ? batch : ProvisioningTopics.ClaimPrefix + batch;
        if (!ProvisioningTopics.IsClaim(claimId))
        {
            stderr.WriteLine($"edge-collector claim: --batch '{batch}' is not a valid name (letters, digits, '-', '_', '.')");
            return 2;
        }

        if (!double.TryParse(values.GetValueOrDefault("--days", "365"), NumberStyles.Float, CultureInfo.InvariantCulture, out double days) || days <= 0)
        {
            stderr.WriteLine("edge-collector claim: --days must be a positive number");
            return 2;
        }

        using CollectorPki? pki = Load(values, stderr);
        if (pki is null)
        {
            return 2;
        }

        var (cert, key) = pki.IssueClaim(claimId, TimeSpan.FromDays(days), DateTimeOffset.UtcNow);
        using (cert)
        using (key)
        {
            var bundle = new ProvisioningBundle
            {
                Endpoint = values.GetValueOrDefault("--endpoint"),
                CaFingerprint = pki.CaFingerprint,
                CaCertificate = pki.Ca.ExportCertificatePem(),
                ClaimCertificate = cert.ExportCertificatePem(),
                ClaimKey = key.ExportPkcs8PrivateKeyPem(),
            };
            string outPath = values.GetValueOrDefault("--out", "edge-provisioning.json");
            CollectorPki.WriteSecret(outPath, JsonSerializer.Serialize(bundle, EdgeJsonContext.Default.ProvisioningBundle) + "\n");
            stdout.WriteLine($"edge-collector claim: {outPath}: claim {claimId}, valid to {cert.NotAfter.ToUniversalTime():yyyy-MM-dd}, CA fingerprint {CollectorPki.Colons(pki.CaFingerprint)}");
        }

        return 0;
    }

    public static int ServerCertificate(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParse(args, ["--data", "--ca", "--cert", "--key", "--ca-key", "--name", "--days", "--out"], out var values, out string? error, multi: "--name"))
        {
            stderr.WriteLine($"edge-collector server-certificate: {error}");
            return 2;
        }

        string[] names = values.GetValueOrDefault("--name", string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0 || !values.TryGetValue("--out", out string? outDir))
        {
            stderr.WriteLine("edge-collector server-certificate: --name and --out are required");
            return 2;
        }

        using CollectorPki? pki = Load(values, stderr);
        if (pki is null)
        {
            return 2;
        }

        double days = double.TryParse(values.GetValueOrDefault("--days", "730"), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0 ? d : 730;
        using var cert = pki.IssueServer(names, TimeSpan.FromDays(days), DateTimeOffset.UtcNow);
        Directory.CreateDirectory(outDir);
        CollectorPki.WriteSecret(Path.Combine(outDir, "server.key"), cert.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        CollectorPki.WriteAtomically(Path.Combine(outDir, "server.pem"), cert.ExportCertificatePem(), Public);
        CollectorPki.WriteAtomically(Path.Combine(outDir, "ca.pem"), pki.Ca.ExportCertificatePem(), Public);
        stdout.WriteLine($"edge-collector server-certificate: {outDir}/server.pem for {string.Join(", ", names)}");
        return 0;
    }

    private static CollectorPki? Load(Dictionary<string, string> values, TextWriter stderr)
    {
        var options = new CollectorOptions
        {
            DataDirectory = values.GetValueOrDefault("--data", "data"),
            CaPath = values.GetValueOrDefault("--ca"),
            CertPath = values.GetValueOrDefault("--cert"),
            KeyPath = values.GetValueOrDefault("--key"),
            CaKeyPath = values.GetValueOrDefault("--ca-key"),
        };
        try
        {
            CollectorPki pki = CollectorPki.LoadOrCreate(options, TimeProvider.System);
            if (!pki.CanIssue)
            {
                pki.Dispose();
                stderr.WriteLine("edge-collector: the CA's private key is needed (--ca-key FILE)");
                return null;
            }

            return pki;
        }
        catch (CollectorConfigException e)
        {
            stderr.WriteLine($"edge-collector: {e.Message}");
            return null;
        }
    }

    private static bool TryParse(IReadOnlyList<string> args, string[] known, out Dictionary<string, string> values, out string? error, string? multi = null)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            if (!known.Contains(args[i]) || i + 1 >= args.Count)
            {
                error = known.Contains(args[i]) ? $"{args[i]} needs a value" : $"unknown option '{args[i]}' (--help)";
                return false;
            }

            string value = args[++i];
            values[args[i - 1]] = args[i - 1] == multi && values.TryGetValue(args[i - 1], out string? before) ? before + "\n" + value : value;
        }

        return true;
    }
}
