using EdgeSensor.Provisioning.Discovery;

namespace EdgeSensor.Provisioning;

/// <summary>
/// How a sensor in factory state finds the collector when its claim bundle names no endpoint: DNS-SD over mDNS on the
/// uplink interface (<see cref="DnsSdBrowser"/>; never the tap). An answer that announces another CA than the one
/// the claim pins is another collector's, and is passed over (the TLS check would refuse it anyway).
/// </summary>
internal static class EndpointDiscovery
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Func<CancellationToken, Task<(string Host, int Port)?>> For(ProvisioningConfig config, Func<string?> pinnedFingerprint, Action<string> log) =>
        async stop =>
        {
            DiscoveredEndpoint? found = await new DnsSdBrowser().FindAsync(config.UplinkInterface, Timeout, stop);
            if (found is null)
            {
                log($"provisioning: no answer to DNS-SD ({Edge.Contracts.Discovery.ProvisioningDiscovery.ServiceType}) on {config.UplinkInterface ?? "the default route's interface"}");
                return null;
            }

            if (found.CaFingerprint is { } announced && pinnedFingerprint() is { } pinned && !string.Equals(announced, pinned, StringComparison.OrdinalIgnoreCase))
            {
                log($"provisioning: DNS-SD answer from {found.Responder} ({found.InstanceName}) announces another CA; passed over");
                return null;
            }

            return (found.Host, found.Port);
        };
}
