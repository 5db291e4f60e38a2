namespace Collector.Hosting;

/// <summary>Short command-line switches onto <see cref="CollectorOptions"/> keys.</summary>
public static class CommandLineSwitches
{
    public static IDictionary<string, string> Mappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--data"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.DataDirectory)}",
        ["--mqtt-port"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.MqttPort)}",
        ["--mqtt-bind"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.MqttBind)}",
        ["--ca"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.CaPath)}",
        ["--cert"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.CertPath)}",
        ["--key"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.KeyPath)}",
        ["--broker"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.Broker)}",
        ["--collector-id"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.CollectorId)}",
        ["--share-group"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.ShareGroup)}",
        ["--ca-key"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.CaKeyPath)}",
        ["--auto-approve"] = $"{Provisioning.ProvisioningOptions.Section}:{nameof(Provisioning.ProvisioningOptions.AutoApprove)}",
        ["--auto-approve-claim"] = $"{Provisioning.ProvisioningOptions.Section}:{nameof(Provisioning.ProvisioningOptions.AutoApproveClaims)}",
        ["--site"] = $"{Provisioning.ProvisioningOptions.Section}:{nameof(Provisioning.ProvisioningOptions.Site)}",
        ["--zones"] = $"{Provisioning.ProvisioningOptions.Section}:{nameof(Provisioning.ProvisioningOptions.ZonesFile)}",
        ["--db"] = $"{CollectorOptions.Section}:{nameof(CollectorOptions.Database)}",
    };
}
