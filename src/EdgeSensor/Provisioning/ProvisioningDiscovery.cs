namespace EdgeSensor.Provisioning;

/// <summary>How a sensor in factory state finds the collector when its claim bundle names no endpoint.</summary>
internal static class ProvisioningDiscovery
{
    public static Func<CancellationToken, Task<(string Host, int Port)?>>? For(ProvisioningConfig config) => null;
}
