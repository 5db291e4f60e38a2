namespace Edge.Contracts.Assets;

/// <summary>What the device did over TLS: ClientHellos it sent (with and without SNI) and certificates it served.</summary>
public sealed record TlsSummary
{
    public required long ClientHellos { get; init; }

    public required long ClientHellosWithoutSni { get; init; }

    /// <summary>Server names (SNI) it asked for, at most 16, as sent: attacker-controlled text.</summary>
    public required IReadOnlyList<string> ServerNamesRequested { get; init; }

    /// <summary>Leaf certificates it presented as a server (TLS 1.2 and below), at most 8.</summary>
    public required IReadOnlyList<CertificateSummary> CertificatesServed { get; init; }
}
