using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Turns a leaf certificate's DER into <see cref="TlsCertificateFacts"/>: names as RFC 2253 text, validity, fingerprint,
/// and the self-signed test (subject == issuer, and the signature verifies with the certificate's own key).
/// This allocates and runs public-key cryptography: call it once per new certificate (e.g. keyed by fingerprint or by
/// the DER bytes), never per packet. Malformed DER gives null / false, never an exception.
/// </summary>
public static class TlsCertificateInspector
{
    public static TlsCertificateFacts? Inspect(ReadOnlySpan<byte> der) => TryInspect(der, out TlsCertificateFacts? facts, out _) ? facts : null;

    public static bool TryInspect(ReadOnlySpan<byte> der, [NotNullWhen(true)] out TlsCertificateFacts? facts, out X509MalformedReason reason)
    {
        facts = null;
        if (X509Reader.TryRead(der, out X509CertificateView cert, out reason) != DecodeStatus.Ok)
        {
            return false;
        }

        if (!X509NameFormatter.TryFormatRfc2253(cert.Subject, out string subject)
            || !X509NameFormatter.TryFormatRfc2253(cert.Issuer, out string issuer))
        {
            reason = X509MalformedReason.UnexpectedTag;
            return false;
        }

        bool sameName = cert.SubjectEqualsIssuer;
        facts = new TlsCertificateFacts
        {
            Subject = subject,
            Issuer = issuer,
            CommonName = X509NameFormatter.GetCommonName(cert.Subject),
            NotBefore = cert.NotBefore,
            NotAfter = cert.NotAfter,
            SerialNumber = Convert.ToHexString(cert.SerialNumber),
            SignatureAlgorithm = X509Oid.ToDotted(cert.SignatureAlgorithm) ?? string.Empty,
            SubjectEqualsIssuer = sameName,
            SignatureVerifiesWithOwnKey = sameName && VerifiesWithOwnKey(cert),
            Sha256Fingerprint = Convert.ToHexStringLower(SHA256.HashData(der)),
        };
        return true;
    }

    /// <summary>
    /// Whether the certificate's signature verifies with its own subject public key: RSA PKCS#1 v1.5 with MD5, SHA-1
    /// or SHA-2, and ECDSA with SHA-1 or SHA-2 (RFC 3279, RFC 4055, RFC 5758). Other algorithms (RSASSA-PSS, EdDSA,
    /// DSA) answer false.
    /// </summary>
    public static bool VerifiesWithOwnKey(in X509CertificateView cert)
    {
        string? signature = X509Oid.ToDotted(cert.SignatureAlgorithm);
        string? key = X509Oid.ToDotted(cert.PublicKeyAlgorithm);
        if (signature is null || key is null)
        {
            return false;
        }

        (HashAlgorithmName hash, bool ecdsa) = signature switch
        {
            "1.2.840.113549.1.1.4" => (HashAlgorithmName.MD5, false),
            "1.2.840.113549.1.1.5" => (HashAlgorithmName.SHA1, false),
            "1.2.840.113549.1.1.11" => (HashAlgorithmName.SHA256, false),
            "1.2.840.113549.1.1.12" => (HashAlgorithmName.SHA384, false),
            "1.2.840.113549.1.1.13" => (HashAlgorithmName.SHA512, false),
            "1.2.840.10045.4.1" => (HashAlgorithmName.SHA1, true),
            "1.2.840.10045.4.3.2" => (HashAlgorithmName.SHA256, true),
            "1.2.840.10045.4.3.3" => (HashAlgorithmName.SHA384, true),
            "1.2.840.10045.4.3.4" => (HashAlgorithmName.SHA512, true),
            _ => (default, false),
        };
        if (hash.Name is null)
        {
            return false;
        }

        try
        {
            if (!ecdsa && key == X509Oid.RsaEncryption)
            {
                using RSA rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(cert.SubjectPublicKeyInfo, out _);
                return rsa.VerifyData(cert.TbsCertificate, cert.SignatureValue, hash, RSASignaturePadding.Pkcs1);
            }

            if (ecdsa && key == X509Oid.EcPublicKey)
            {
                using ECDsa ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(cert.SubjectPublicKeyInfo, out _);
                return ec.VerifyData(cert.TbsCertificate, cert.SignatureValue, hash, DSASignatureFormat.Rfc3279DerSequence);
            }
        }
        catch (CryptographicException)
        {
            // A key the platform cannot import, or a hash its policy refuses: not provably self-signed.
        }

        return false;
    }
}
