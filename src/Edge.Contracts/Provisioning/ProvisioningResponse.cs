namespace Edge.Contracts.Provisioning;

/// <summary>
/// The collector's answer on <see cref="ProvisioningTopics.Response"/> (QoS 1, not retained): <see cref="Pending"/>
/// while an admin has to decide, <see cref="Rejected"/> with the reason, or <see cref="Approved"/> with the signed
/// certificate, the CA to trust from now on and the sensor's configuration.
/// </summary>
public sealed record ProvisioningResponse
{
    public const string TypeName = "provisioning-response";

    public const string Pending = "pending";

    public const string Approved = "approved";

    public const string Rejected = "rejected";

    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    public string Type { get; init; } = TypeName;

    public required string Serial { get; init; }

    /// <summary>The <see cref="ProvisioningRequest.RequestId"/> answered.</summary>
    public string? RequestId { get; init; }

    public required string Status { get; init; }

    /// <summary>Why a request was rejected or is held.</summary>
    public string? Reason { get; init; }

    /// <summary>PEM of the sensor's certificate (CN: its sensor id), on approval.</summary>
    public string? Certificate { get; init; }

    /// <summary>PEM of the CA that signed it and the broker's certificate, on approval.</summary>
    public string? CaCertificate { get; init; }

    public SensorConfiguration? Configuration { get; init; }

    public DateTimeOffset? At { get; init; }
}
