using System.Net;
using Edge.Contracts.Discovery;
using EdgeSensor.Provisioning.Discovery;

namespace EdgeSensor.Tests.Provisioning.Discovery;

/// <summary>What the browser takes from a reply, and what it counts and drops.</summary>
public class DnsSdBrowserReadTests
{
    private const string Fp = "00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff";
    private const string Instance = "c1._edge-prov._tcp.local";
    private static readonly UplinkInterface Uplink = new("uplink0", 2, IPAddress.Parse("10.0.0.2"), IPAddress.Parse("255.255.255.0"));
    private static readonly IPAddress Collector = IPAddress.Parse("10.0.0.1");

    private static byte[] Response(string? txtVersion = "1", bool withA = true, ushort flags = MdnsLimits.FlagResponse | MdnsLimits.FlagAuthoritative)
    {
        var additionals = new List<DnsResourceRecord> { DnsResourceRecord.Srv(Instance, "box.local", 8883) };
        var txt = new List<string> { "fp=" + Fp };
        if (txtVersion is not null)
        {
            txt.Insert(0, "v=" + txtVersion);
        }

        additionals.Add(DnsResourceRecord.Txt(Instance, txt));
        if (withA)
        {
            additionals.Add(DnsResourceRecord.ForAddress("box.local", IPAddress.Parse("192.168.9.9")));
            additionals.Add(DnsResourceRecord.ForAddress("box.local", Collector));
        }

        byte[] buffer = new byte[2000];
        Assert.True(DnsMessageWriter.TryWrite(buffer, 0, flags, [], [DnsResourceRecord.Ptr(ProvisioningDiscovery.ServiceType, Instance)], additionals, out int n));
        return buffer[..n];
    }

    [Fact]
    public void The_on_link_address_port_and_fingerprint_are_taken()
    {
        var browser = new DnsSdBrowser();
        DiscoveredEndpoint? e = browser.TryRead(Response(), Collector, Uplink);
        Assert.Equal(new DiscoveredEndpoint("10.0.0.1", 8883, "c1", Fp.ToLowerInvariant(), "box.local", Collector), e);
    }

    [Fact]
    public void Without_an_A_record_the_host_is_the_SRV_target() =>
        Assert.Equal("box.local", new DnsSdBrowser().TryRead(Response(withA: false), Collector, Uplink)!.Host);

    [Fact]
    public void Malformed_replies_are_counted_and_dropped()
    {
        var browser = new DnsSdBrowser();
        byte[] r = Response();
        Assert.Null(browser.TryRead(r.AsSpan(0, r.Length - 1), Collector, Uplink));
        Assert.Null(browser.TryRead([0xc0, 0x0c], Collector, Uplink));
        Assert.Equal((2, 0), (browser.Counters.Malformed, browser.Counters.Ignored));
    }

    [Fact]
    public void Off_link_sources_queries_and_other_versions_are_ignored()
    {
        var browser = new DnsSdBrowser();
        Assert.Null(browser.TryRead(Response(), IPAddress.Parse("192.168.9.9"), Uplink));
        Assert.Null(browser.TryRead(Response(flags: 0), Collector, Uplink));
        Assert.Null(browser.TryRead(Response(txtVersion: "2"), Collector, Uplink));
        Assert.Equal((0, 3), (browser.Counters.Malformed, browser.Counters.Ignored));
    }

    [Fact]
    public void The_default_route_is_read_from_the_kernels_table()
    {
        string[] table =
        [
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
            "eth1\t00000000\t0100000A\t0003\t0\t0\t200\t00000000\t0\t0\t0",
            "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
            "eth0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
        ];
        Assert.Equal("eth0", UplinkInterface.DefaultRouteInterface(table));
        Assert.Null(UplinkInterface.DefaultRouteInterface(table.Take(1).Concat(table.Skip(3))));
    }
}
