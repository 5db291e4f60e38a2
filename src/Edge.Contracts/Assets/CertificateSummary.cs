namespace Edge.Contracts.Assets;

/// <summary>A server's leaf certificate: names as RFC 2253 text, validity, and whether it is self-signed.</summary>
public sealed record CertificateSummary
{
    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public string? CommonName { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>Subject equals issuer and the signature verifies with the certificate's own key.</summary>
    public required bool SelfSigned { get; init; }

    public required string Sha256 { get; init; }
}
