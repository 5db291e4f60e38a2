using Collector.Hosting;

namespace Collector.Provisioning.Discovery;

/// <summary>
/// The mDNS responder that advertises the provisioning endpoint, section <c>Collector:Mdns</c>
/// (command line: <c>--Collector:Mdns:Enabled=false</c>, <c>--Collector:Mdns:Interfaces:0=eth0</c>).
/// </summary>
public sealed class MdnsOptions
{
    public const string Section = CollectorOptions.Section + ":Mdns";

    /// <summary>Answer DNS-SD queries; null (the default): yes with the embedded broker, no with <c>--broker</c>
    /// (the sensors then connect to the external broker, which this collector does not run).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Interfaces to answer on; empty (the default): every interface that is up, multicast-capable, not
    /// loopback and has an IPv4 address, looked up again every <see cref="InterfaceRefreshSeconds"/>.</summary>
    public List<string> Interfaces { get; set; } = [];

    /// <summary>Service instance label (RFC 6763 4.1.1, at most 63 bytes of UTF-8); default <c>Edge Collector &lt;host&gt;</c>.</summary>
    public string? InstanceName { get; set; }

    /// <summary>SRV target host; default <c>&lt;machine name&gt;.local</c>. Its A records come with every answer.</summary>
    public string? HostName { get; set; }

    /// <summary>Most responses sent per second, all interfaces together; further queries are dropped and counted.</summary>
    public int MaxResponsesPerSecond { get; set; } = 20;

    public int InterfaceRefreshSeconds { get; set; } = 30;

    public bool IsEnabled(CollectorOptions collector) => Enabled ?? string.IsNullOrEmpty(collector.Broker);

    public string ResolveInstanceName() => string.IsNullOrWhiteSpace(InstanceName) ? $"Edge Collector {Environment.MachineName}" : InstanceName;

    public string ResolveHostName() => string.IsNullOrWhiteSpace(HostName) ? $"{Environment.MachineName}.local" : HostName;
}
