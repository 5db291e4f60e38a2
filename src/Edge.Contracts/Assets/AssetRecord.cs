namespace Edge.Contracts.Assets;

/// <summary>
/// One device the sensor knows: addresses, identity read from its own traffic, inferred role and zone, and who it talks
/// to. Published on <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/assets</c> and printed by <c>edge-sensor analyze --json</c>.
/// Every string that came from packets (names, SNI, user names) is carried as-is: escape it where it is shown.
/// </summary>
public sealed record AssetRecord
{
    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    /// <summary>Always "asset": lets JSON Lines consumers tell record types apart.</summary>
    public string Type { get; init; } = "asset";

    /// <summary>Stable id: the IP address the device is known by (for example "10.0.1.20").</summary>
    public required string AssetId { get; init; }

    public required IReadOnlyList<string> IpAddresses { get; init; }

    public required IReadOnlyList<string> MacAddresses { get; init; }

    public required IReadOnlyList<int> Vlans { get; init; }

    /// <summary>Vendor from the MAC address's IEEE OUI, when the MAC is the device's own (not a router's).</summary>
    public string? MacVendor { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>First seen after the learning period ended.</summary>
    public bool IsNew { get; init; }

    public DeviceIdentity? Identity { get; init; }

    public required RoleAssessment Role { get; init; }

    public required ZoneAssignment Zone { get; init; }

    /// <summary>Protocols this device answers as a server ("s7comm", "modbus", "http", ...).</summary>
    public required IReadOnlyList<string> ProtocolsServed { get; init; }

    /// <summary>Protocols this device uses as a client.</summary>
    public required IReadOnlyList<string> ProtocolsUsed { get; init; }

    public required IReadOnlyList<PeerSummary> Peers { get; init; }

    public required TrafficSummary Traffic { get; init; }

    /// <summary>TLS facts, when the device spoke TLS.</summary>
    public TlsSummary? Tls { get; init; }

    /// <summary>RDP facts, when the device sent or received RDP connection requests.</summary>
    public RdpSummary? Rdp { get; init; }
}
