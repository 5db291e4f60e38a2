namespace EdgeSensor.Decoding.Tls;

/// <summary>The parts of one DER certificate (RFC 5280 section 4.1); every span points into the certificate's bytes.</summary>
public readonly ref struct X509CertificateView
{
    /// <summary>The whole TBSCertificate encoding (tag and length included): the bytes the signature covers.</summary>
    public ReadOnlySpan<byte> TbsCertificate { get; init; }

    /// <summary>1, 2 or 3 (the [0] EXPLICIT version + 1; absent means v1).</summary>
    public int Version { get; init; }

    /// <summary>The serial number's INTEGER contents (big-endian two's complement, as encoded).</summary>
    public ReadOnlySpan<byte> SerialNumber { get; init; }

    /// <summary>The OID contents of TBSCertificate.signature (must equal <see cref="SignatureAlgorithm"/>).</summary>
    public ReadOnlySpan<byte> TbsSignatureAlgorithm { get; init; }

    /// <summary>The whole issuer Name encoding (SEQUENCE OF RelativeDistinguishedName).</summary>
    public ReadOnlySpan<byte> Issuer { get; init; }

    public long NotBeforeUnixSeconds { get; init; }

    public long NotAfterUnixSeconds { get; init; }

    /// <summary>The whole subject Name encoding.</summary>
    public ReadOnlySpan<byte> Subject { get; init; }

    /// <summary>The whole SubjectPublicKeyInfo encoding (what <c>ImportSubjectPublicKeyInfo</c> takes).</summary>
    public ReadOnlySpan<byte> SubjectPublicKeyInfo { get; init; }

    /// <summary>The OID contents of SubjectPublicKeyInfo.algorithm (rsaEncryption, id-ecPublicKey, ...).</summary>
    public ReadOnlySpan<byte> PublicKeyAlgorithm { get; init; }

    /// <summary>The contents of the [3] extensions element (a SEQUENCE OF Extension), empty when absent.</summary>
    public ReadOnlySpan<byte> Extensions { get; init; }

    /// <summary>The OID contents of Certificate.signatureAlgorithm.</summary>
    public ReadOnlySpan<byte> SignatureAlgorithm { get; init; }

    /// <summary>The whole AlgorithmIdentifier of Certificate.signatureAlgorithm (for parameters such as RSASSA-PSS).</summary>
    public ReadOnlySpan<byte> SignatureAlgorithmIdentifier { get; init; }

    /// <summary>The signature bits (the BIT STRING contents after its unused-bits byte).</summary>
    public ReadOnlySpan<byte> SignatureValue { get; init; }

    /// <summary>Subject and issuer are the same DER bytes (the first half of "self-signed").</summary>
    public bool SubjectEqualsIssuer => Subject.SequenceEqual(Issuer);

    public DateTimeOffset NotBefore => DateTimeOffset.FromUnixTimeSeconds(NotBeforeUnixSeconds);

    public DateTimeOffset NotAfter => DateTimeOffset.FromUnixTimeSeconds(NotAfterUnixSeconds);
}
