using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Collector.Broker;

/// <summary>
/// TLS-level check of a sensor's certificate: it must chain to the collector's CA alone (not the system store), be
/// within its validity period, and allow client authentication when it names its usages. Revocation is not checked
/// (no CRL/OCSP in a plant network yet). A client without a certificate fails the handshake.
/// </summary>
public sealed class ClientCertificateValidator(X509Certificate2 ca)
{
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        using X509Certificate2 leaf = certificate as X509Certificate2 is { } c2
            ? X509CertificateLoader.LoadCertificate(c2.RawData)
            : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return IsTrusted(leaf);
    }

    public bool IsTrusted(X509Certificate2 leaf) => ChainsTo(ca, leaf, ClientAuthenticationOid);

    /// <summary>
    /// <paramref name="leaf"/> chains to <paramref name="ca"/> alone (not the system store), within its validity, and
    /// allows <paramref name="usageOid"/> when it names its usages. Also used for an external broker's server certificate.
    /// </summary>
    public static bool ChainsTo(X509Certificate2 ca, X509Certificate2 leaf, string usageOid)
    {
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.Add(ca);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        own.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(usageOid));
        return own.Build(leaf)
            && own.ChainElements.Count >= 2
            && own.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span);
    }
}
