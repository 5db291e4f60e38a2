namespace Edge.Contracts.Provisioning;

/// <summary>
/// A sensor asking for its identity (<see cref="ProvisioningTopics.Request"/>, QoS 1, not retained): its serial
/// number, a PKCS#10 certificate signing request for the key pair it generated itself (the private key never leaves
/// the device), and what it is. The same request, for a new key, renews the certificate of a provisioned sensor.
/// </summary>
public sealed record ProvisioningRequest
{
    public const string TypeName = "provisioning-request";

    /// <summary>Longest serial number, profile, version or interface field accepted (the collector refuses longer).</summary>
    public const int MaxText = 128;

    /// <summary>Most interfaces listed in one request.</summary>
    public const int MaxInterfaces = 32;

    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    public string Type { get; init; } = TypeName;

    /// <summary>The device's serial number (lower-case, a valid id): the CM4's own, or one generated once and kept.</summary>
    public required string Serial { get; init; }

    /// <summary>PEM of the PKCS#10 request (<c>-----BEGIN CERTIFICATE REQUEST-----</c>).</summary>
    public required string Csr { get; init; }

    /// <summary>Unique per request attempt (logged by both sides); a request sent again keeps its id.</summary>
    public required string RequestId { get; init; }

    public string? HardwareProfile { get; init; }

    public string? SensorVersion { get; init; }

    /// <summary>The network interfaces the sensor sees (name and MAC), so an admin can tell which box asks.</summary>
    public IReadOnlyList<InterfaceInfo>? Interfaces { get; init; }

    /// <summary>The configuration version the sensor runs, on a renewal.</summary>
    public long? ConfigVersion { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>A network interface as the sensor reports it in its request.</summary>
public sealed record InterfaceInfo(string Name, string? Mac);
