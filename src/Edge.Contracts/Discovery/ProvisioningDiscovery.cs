namespace Edge.Contracts.Discovery;

/// <summary>
/// How a sensor in factory state finds the collector's provisioning endpoint (MQTT over TLS). In this order:
/// <list type="number">
/// <item>a file on the boot partition (the provisioning flow reads it);</item>
/// <item>DNS-SD (RFC 6763) over multicast DNS (RFC 6762) on the sensor's uplink: a PTR query for
/// <see cref="ServiceType"/>, answered by the collector's responder with SRV (host, port), TXT (<see cref="TxtVersionKey"/>,
/// <see cref="TxtFingerprintKey"/>) and A/AAAA records;</item>
/// <item><see cref="DefaultHostName"/> resolved through ordinary unicast DNS (the plant's resolver, or a hosts entry),
/// on the MQTT TLS port <see cref="DefaultPort"/>.</item>
/// </list>
/// Nothing found by DNS-SD is trusted by itself: mDNS has no authentication, anyone on the link can answer. The CA
/// fingerprint the sensor pins comes with its claim; <see cref="TxtFingerprintKey"/> only helps choose among collectors.
/// </summary>
public static class ProvisioningDiscovery
{
    /// <summary>DNS-SD service type of the provisioning endpoint (RFC 6763 7: <c>_service._proto.domain</c>).</summary>
    public const string ServiceType = "_edge-prov._tcp.local";

    /// <summary>
    /// Last fallback: the host name a factory-state sensor resolves through unicast DNS (the search domain of its DHCP
    /// lease applies, so a plant adds <c>edge-collector.&lt;plant domain&gt;</c> to its DNS or a hosts entry).
    /// </summary>
    public const string DefaultHostName = "edge-collector";

    /// <summary>Port used with <see cref="DefaultHostName"/> (MQTT over TLS, IANA 8883), the collector's default.</summary>
    public const int DefaultPort = 8883;

    /// <summary>TXT key of the record format version (RFC 6763 6.7 recommends a version key, first).</summary>
    public const string TxtVersionKey = "v";

    /// <summary>The TXT version this code writes and reads.</summary>
    public const string TxtVersion = "1";

    /// <summary>TXT key of the SHA-256 fingerprint of the collector's CA certificate (DER), 64 lower-case hex digits.</summary>
    public const string TxtFingerprintKey = "fp";

    /// <summary>Hex digits of a SHA-256 fingerprint.</summary>
    public const int FingerprintHexLength = 64;

    /// <summary>True when <paramref name="value"/> is 64 hex digits (either case).</summary>
    public static bool IsFingerprint(string? value)
    {
        if (value is null || value.Length != FingerprintHexLength)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
