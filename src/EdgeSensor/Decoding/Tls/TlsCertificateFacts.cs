namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// What the sensor reports about one leaf certificate, built once per new certificate by
/// <see cref="TlsCertificateInspector"/> (the strings allocate; keep them keyed by <see cref="Sha256Fingerprint"/>).
/// </summary>
public sealed record TlsCertificateFacts
{
    /// <summary>Subject as <c>openssl x509 -subject -nameopt RFC2253</c> prints it (without the "subject=" prefix).</summary>
    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    /// <summary>The last commonName of the subject, unescaped; null when the subject has none.</summary>
    public string? CommonName { get; init; }

    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    /// <summary>Hex of the serial number's INTEGER contents, upper case.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The signature algorithm OID (dotted), e.g. 1.2.840.113549.1.1.11 for sha256WithRSAEncryption.</summary>
    public required string SignatureAlgorithm { get; init; }

    /// <summary>Subject and issuer are byte-for-byte the same DER Name.</summary>
    public bool SubjectEqualsIssuer { get; init; }

    /// <summary>The signature verifies with the certificate's own public key (RSA PKCS#1 v1.5 or ECDSA).</summary>
    public bool SignatureVerifiesWithOwnKey { get; init; }

    /// <summary>Self-signed: subject equals issuer and the certificate's own key verifies its signature.</summary>
    public bool IsSelfSigned => SubjectEqualsIssuer && SignatureVerifiesWithOwnKey;

    /// <summary>SHA-256 of the DER certificate, lower-case hex without separators.</summary>
    public required string Sha256Fingerprint { get; init; }
}
