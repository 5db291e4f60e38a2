namespace Edge.Contracts.Provisioning;

/// <summary>
/// The factory claim an installer puts on the sensor's boot partition as <c>edge-provisioning.json</c> (made by
/// <c>edge-collector claim</c>): the batch claim certificate and its key, the fingerprint of the collector's CA to
/// trust (SHA-256 of its DER, hex) with the certificate itself, and optionally where the collector is. Without an endpoint the sensor asks
/// DNS-SD (<c>_edge-prov._tcp.local</c>) on its uplink, then the host name <c>edge-collector</c>.
/// </summary>
public sealed record ProvisioningBundle
{
    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    /// <summary><c>host:port</c> or <c>host</c> (port 8883) of the collector's provisioning endpoint; null: discover it.</summary>
    public string? Endpoint { get; init; }

    public required string CaFingerprint { get; init; }

    /// <summary>PEM of the collector's CA (public); the sensor trusts it only if its SHA-256 is <see cref="CaFingerprint"/>.</summary>
    public required string CaCertificate { get; init; }

    /// <summary>PEM of the claim certificate (CN <c>claim.&lt;batch&gt;</c>).</summary>
    public required string ClaimCertificate { get; init; }

    /// <summary>PEM of its private key (shared by the batch: it only lets a device ask, never report).</summary>
    public required string ClaimKey { get; init; }
}
