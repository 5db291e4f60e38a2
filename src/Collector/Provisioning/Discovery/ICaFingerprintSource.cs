namespace Collector.Provisioning.Discovery;

/// <summary>
/// The SHA-256 fingerprint of the CA certificate sensors pin, for the TXT <c>fp=</c> attribute. The PKI registers
/// its own; without one, <see cref="MdnsServices"/> hashes the certificate at <c>--ca</c>.
/// </summary>
public interface ICaFingerprintSource
{
    /// <summary>64 lower-case hex digits, or null to leave <c>fp</c> out. Asked at every answer, so a new CA shows at once.</summary>
    string? GetCaFingerprint();
}
