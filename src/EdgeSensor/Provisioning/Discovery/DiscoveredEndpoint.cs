using System.Net;

namespace EdgeSensor.Provisioning.Discovery;

/// <summary>
/// The provisioning endpoint a DNS-SD answer names. <see cref="Host"/> is the address from the A record of the SRV
/// target when the answer carried one (what to connect to), otherwise the SRV target name. Nothing here is
/// authenticated (see the README): the TLS connection must still chain to the CA the claim pins.
/// </summary>
/// <param name="Host">IP address text (from A) or the SRV target host name.</param>
/// <param name="Port">SRV port: the collector's MQTT over TLS port.</param>
/// <param name="InstanceName">The service instance's label, unescaped (e.g. <c>Edge Collector plant-1</c>).</param>
/// <param name="CaFingerprint">TXT <c>fp</c>: SHA-256 of the collector's CA certificate, 64 lower-case hex digits; null when absent or not a fingerprint.</param>
/// <param name="TargetHost">The SRV target host name.</param>
/// <param name="Responder">Source address of the answer.</param>
public sealed record DiscoveredEndpoint(string Host, int Port, string InstanceName, string? CaFingerprint, string TargetHost, IPAddress Responder);
