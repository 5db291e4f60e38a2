namespace Edge.Contracts.Assets;

/// <summary>RDP connection requests the device sent (as a client) and received (as a server).</summary>
public sealed record RdpSummary
{
    public required long ConnectionRequestsSent { get; init; }

    public required long ConnectionRequestsReceived { get; init; }

    /// <summary>Cookie user names it sent (mstshash=...), at most 8, as sent: attacker-controlled text.</summary>
    public required IReadOnlyList<string> CookieUserNames { get; init; }

    /// <summary>Security protocols it asked for: "rdp", "tls", "credssp", "rdstls", "credssp-ex", "rdsaad".</summary>
    public required IReadOnlyList<string> RequestedProtocols { get; init; }

    /// <summary>It asked for Restricted Admin mode (credentials not sent to the server).</summary>
    public required bool RestrictedAdminRequested { get; init; }
}
