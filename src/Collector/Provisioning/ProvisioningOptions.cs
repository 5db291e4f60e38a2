namespace Collector.Provisioning;

/// <summary>
/// How the collector provisions sensors, section <c>Collector:Provisioning</c>; the command line maps
/// <c>--auto-approve</c>, <c>--auto-approve-claim</c> and <c>--site</c> onto it.
/// </summary>
public sealed class ProvisioningOptions
{
    public const string Section = "Collector:Provisioning";

    /// <summary>Serial numbers approved without an admin, comma-separated (an installer's list of the boxes shipped).</summary>
    public string? AutoApprove { get; set; }

    /// <summary>Claim batches (<c>claim.&lt;batch&gt;</c> or the batch name) whose every device is approved without an admin.</summary>
    public string? AutoApproveClaims { get; set; }

    /// <summary>The site an approved sensor belongs to unless the admin says otherwise.</summary>
    public string Site { get; set; } = "site1";

    /// <summary>How long a sensor certificate is valid; the sensor renews it when two thirds have passed.</summary>
    public double CertificateDays { get; set; } = 90;

    /// <summary>The first configuration's learning period (seconds of capture time); a week by default.</summary>
    public double LearningSeconds { get; set; } = 7 * 86400;

    /// <summary>A zones file (the sensor's format) put in every new sensor's first configuration.</summary>
    public string? ZonesFile { get; set; }

    /// <summary>The broker sensors report to once provisioned (<c>host:port</c>); null: the one they provisioned through.</summary>
    public string? OperationalBroker { get; set; }

    /// <summary>Largest request accepted, in bytes (a CSR and a few names fit in 4 KiB).</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024;

    /// <summary>Requests one claim may make in a burst, and then one every <see cref="ClaimRefillSeconds"/>.</summary>
    public int ClaimBurst { get; set; } = 30;

    public double ClaimRefillSeconds { get; set; } = 2;

    /// <summary>Requests one source address may make in a burst, and then one every <see cref="SourceRefillSeconds"/>.</summary>
    public int SourceBurst { get; set; } = 10;

    public double SourceRefillSeconds { get; set; } = 6;

    /// <summary>
    /// How often the CRL (Mosquitto's <c>crlfile</c>) is written again while the collector runs, revocations or not. A
    /// CRL is valid for <see cref="CrlValidityDays"/>; once that has passed, a broker that checks it (Mosquitto: OpenSSL)
    /// refuses every client certificate of the CA, so it must be renewed well before.
    /// </summary>
    public double CrlRefreshSeconds { get; set; } = 86400;

    /// <summary>How long a CRL the collector writes is valid (its nextUpdate).</summary>
    public double CrlValidityDays { get; set; } = 30;

    public IEnumerable<string> AutoApproveSerials => Split(AutoApprove);

    public IEnumerable<string> AutoApproveClaimIds => Split(AutoApproveClaims).Select(c =>
        c.StartsWith(Edge.Contracts.Provisioning.ProvisioningTopics.ClaimPrefix, StringComparison.Ordinal) ? c : Edge.Contracts.Provisioning.ProvisioningTopics.ClaimPrefix + c);

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant());
}
