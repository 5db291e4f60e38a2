using System.Diagnostics;
using System.Text.Json;
using EdgeSensor.Tests.Lab;
using Xunit.Abstractions;

namespace EdgeSensor.Tests.Tap;

/// <summary>
/// The two ways the package makes the tap port silent cannot drift apart: systemd-networkd's files (10-edge-tap.network
/// and .link, plus sysctl.d/60-edge-tap.conf for what networkd has no key for) and the edge-tap-setup script (for
/// ifupdown, a unit's ExecStartPre=, or by hand). Statically, every setting is in both or is declared networkd-only
/// with its reason, and nothing is in one only; live, networkd itself (run in a namespace of its own) and the script
/// leave a fresh port in the same state.
/// </summary>
public sealed class TapConfigurationTests(ITestOutputHelper output)
{
    /// <summary>One setting: the facts in networkd's files and the facts in the script that make it.</summary>
    private sealed record Setting(string What, string[] Networkd, string[] Script);

    /// <summary>Settings made both ways.</summary>
    private static readonly Setting[] Both =
    [
        new("every frame received", ["network:Link.Promiscuous=yes"], ["ip-link:promisc on"]),
        new("no ARP asked or answered", ["network:Link.ARP=no"], ["ip-link:arp off"]),
        new("no multicast membership (no IGMP/MLD reports)", ["network:Link.Multicast=no"], ["ip-link:multicast off"]),
        new("no all-multicast filter", ["network:Link.AllMulticast=no"], ["ip-link:allmulticast off"]),
        new("up (and kept up)", ["network:Link.ActivationPolicy=always-up"], ["ip-link:up"]),
        new("no IPv6 at all", ["sysctl.d:disable_ipv6=1"], ["sysctl:disable_ipv6=1"]),
        new("no router advertisement taken", ["network:Network.IPv6AcceptRA=no", "sysctl.d:accept_ra=0"], ["sysctl:accept_ra=0"]),
        new("no stateless autoconfiguration", ["sysctl.d:autoconf=0"], ["sysctl:autoconf=0"]),
        new("no duplicate-address detection probe", ["network:Network.IPv6DuplicateAddressDetection=0", "sysctl.d:dad_transmits=0"], ["sysctl:dad_transmits=0"]),
        new("no router solicitation", ["sysctl.d:router_solicitations=0"], ["sysctl:router_solicitations=0"]),
        new("no IPv6 link-local address generated", ["network:Network.IPv6LinkLocalAddressGenerationMode=none", "sysctl.d:addr_gen_mode=1"], ["sysctl:addr_gen_mode=1"]),
        new("no address: none configured, none from DHCP or link-local autoconfiguration; the script removes any",
            ["network:Network.DHCP=no", "network:Network.LinkLocalAddressing=no"], ["ip-address:flush"]),
    ];

    /// <summary>networkd-only keys: each switches off a networkd feature; the script starts no daemon, so has nothing to switch off.</summary>
    private static readonly Setting[] NetworkdOnly =
    [
        new("boot does not wait for the tap to be \"online\" (ifupdown: allow-hotplug does not block boot)", ["network:Link.RequiredForOnline=no"], []),
        new("networkd sends no router advertisement", ["network:Network.IPv6SendRA=no"], []),
        new("networkd runs no DHCP server", ["network:Network.DHCPServer=no"], []),
        new("no proxy ARP / NDP answers (kernel defaults off; ARP and IPv6 are off anyway)", ["network:Network.IPv4ProxyARP=no", "network:Network.IPv6ProxyNDP=no"], []),
        new("networkd sends no LLDP and stores none", ["network:Network.EmitLLDP=no", "network:Network.LLDP=no"], []),
        new("systemd-resolved answers no LLMNR or mDNS here", ["network:Network.LLMNR=no", "network:Network.MulticastDNS=no"], []),
    ];

    /// <summary>Which interface the files are for: the name only (the script takes it as its argument).</summary>
    private static readonly string[] Naming =
    [
        "network:Match.Name=eth1",
        "link:Match.OriginalName=eth1",
        "link:Link.NamePolicy=",
        "link:Link.Name=eth1",
    ];

    [Fact]
    public void Networkd_files_and_edge_tap_setup_make_the_same_settings()
    {
        var networkd = TapFiles.SystemdKeys(TapFiles.NetworkFile, "network")
            .Concat(TapFiles.SystemdKeys(TapFiles.LinkFile, "link").Where(f => !f.StartsWith("link:Link.Description=", StringComparison.Ordinal)))
            .ToList();
        var sysctl = TapFiles.SysctlLines(TapFiles.SysctlFile);
        Assert.All(sysctl, s => Assert.Equal(TapLab.SensorInterface, s.Interface));
        networkd.AddRange(sysctl.Select(s => s.Fact));
        var script = TapFiles.ScriptFacts(TapLab.SetupScript);

        Assert.DoesNotContain(script, f => f.StartsWith("unrecognised:", StringComparison.Ordinal));
        Assert.Equal(networkd.Count, networkd.Distinct().Count());
        Assert.Equal(script.Count, script.Distinct().Count());
        foreach (var s in Both.Concat(NetworkdOnly))
        {
            foreach (string fact in s.Networkd)
            {
                Assert.True(networkd.Contains(fact), $"{s.What}: networkd's files lack {fact}");
            }

            foreach (string fact in s.Script)
            {
                Assert.True(script.Contains(fact), $"{s.What}: edge-tap-setup lacks {fact}");
            }
        }

        foreach (string fact in Naming)
        {
            Assert.True(networkd.Contains(fact), $"naming: networkd's files lack {fact}");
        }

        var known = Both.Concat(NetworkdOnly).SelectMany(s => s.Networkd).Concat(Naming).ToHashSet();
        Assert.Empty(networkd.Where(f => !known.Contains(f)).Select(f => $"in networkd's files only (add it to edge-tap-setup, or declare it networkd-only here): {f}"));
        var knownScript = Both.SelectMany(s => s.Script).ToHashSet();
        Assert.Empty(script.Where(f => !knownScript.Contains(f)).Select(f => $"in edge-tap-setup only (add it to the networkd files): {f}"));
    }

    [Fact]
    public void The_ifupdown_stanza_runs_edge_tap_setup_for_the_same_interface_and_configures_nothing_else()
    {
        var lines = File.ReadAllLines(TapFiles.IfupdownFile)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] != '#')
            .ToList();
        Assert.Equal(
            ["allow-hotplug eth1", "iface eth1 inet manual", "pre-up /usr/lib/edge-sensor/edge-tap-setup $IFACE"],
            lines);
        Assert.True(File.Exists(Path.Combine(TapLab.RootFs, "usr", "lib", "edge-sensor", "edge-tap-setup")));
        Assert.True(!OperatingSystem.IsLinux() || (File.GetUnixFileMode(TapLab.SetupScript) & UnixFileMode.UserExecute) != 0, "edge-tap-setup is not executable");
    }

    [Theory]
    [InlineData("", 2, "usage: edge-tap-setup IFACE")]
    [InlineData("eth1 eth2", 2, "usage: edge-tap-setup IFACE")]
    [InlineData("../x", 2, "bad interface name")]
    [InlineData("edge-nonexistent0", 1, "no such interface: edge-nonexistent0")]
    public void Edge_tap_setup_refuses_bad_arguments(string arguments, int exitCode, string message)
    {
        var (rc, _, stderr) = LabProcess.Run("sh", [TapLab.SetupScript, .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)], TimeSpan.FromSeconds(30));
        Assert.Equal(exitCode, rc);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// systemd-networkd (Debian 12's, 252) configures a fresh port from the packaged files, as on a gateway: udev's
    /// systemd-sysctl run for the new interface applies 60-edge-tap.conf, then networkd applies 10-edge-tap.network.
    /// PID 1 here is not systemd, but networkd runs on its own in a network namespace plus a mount namespace that
    /// shows it only the packaged files, a private /run/systemd and a read-only /sys (so it does not wait for udev, as
    /// in a container). A second fresh port gets edge-tap-setup. Both must end in the same, expected state, and
    /// networkd must find every key in the files valid.
    /// </summary>
    [Fact]
    public void Networkd_with_the_packaged_files_and_edge_tap_setup_leave_a_port_in_the_same_state()
    {
        using var byNetworkd = TapLab.Create();
        using var byScript = TapLab.Create();

        var setup = byScript.ApplyTapSetup();
        Assert.True(setup.ExitCode == 0, setup.Stderr);
        var scriptState = PortState.Read(byScript.Sensor);

        LabProcess.Check("ip", "netns", "exec", byNetworkd.Sensor, "/lib/systemd/systemd-sysctl",
            $"--prefix=/net/ipv6/conf/{TapLab.SensorInterface}", $"--prefix=/net/ipv4/conf/{TapLab.SensorInterface}", TapFiles.SysctlFile);
        string networkdLog = RunNetworkd(byNetworkd, out var networkdState);
        output.WriteLine(networkdLog);
        output.WriteLine($"networkd: {networkdState}");
        output.WriteLine($"edge-tap-setup: {scriptState}");

        Assert.Contains("eth1: Configuring with /usr/lib/systemd/network/10-edge-tap.network", networkdLog, StringComparison.Ordinal);
        // A key networkd does not know, or a value it cannot parse, is logged against the file and ignored.
        Assert.DoesNotContain(networkdLog.Split('\n'), l => l.Contains("10-edge-tap.", StringComparison.Ordinal)
            && (l.Contains("unknown", StringComparison.OrdinalIgnoreCase) || l.Contains("ignoring", StringComparison.OrdinalIgnoreCase) || l.Contains("failed", StringComparison.OrdinalIgnoreCase)));

        var expected = new PortState(
            Flags: "NOARP PROMISC UP",
            Promiscuity: 1,
            Addresses: string.Empty,
            Ipv6: "disable_ipv6=1 accept_ra=0 autoconf=0 dad_transmits=0 router_solicitations=0 addr_gen_mode=1");
        Assert.Equal(expected, scriptState);
        Assert.Equal(expected, networkdState);
    }

    /// <summary>Runs networkd on the lab's sensor namespace until the port is configured; returns its log and the state.</summary>
    private static string RunNetworkd(TapLab lab, out PortState state)
    {
        string files = Path.Combine(lab.Directory, "networkd");
        Directory.CreateDirectory(files);
        File.Copy(TapFiles.NetworkFile, Path.Combine(files, Path.GetFileName(TapFiles.NetworkFile)));
        File.Copy(TapFiles.LinkFile, Path.Combine(files, Path.GetFileName(TapFiles.LinkFile)));
        const string Script = """
            set -e
            mount -t tmpfs tmpfs /etc/systemd/network
            mount -t tmpfs tmpfs /usr/lib/systemd/network
            mount -t tmpfs tmpfs /run/systemd
            umount -l /sys
            mount -t sysfs -o ro sysfs /sys
            mkdir -p /run/systemd/netif
            chown systemd-network:systemd-network /run/systemd/netif
            cp "$0"/* /usr/lib/systemd/network/
            exec env SYSTEMD_LOG_LEVEL=debug SYSTEMD_LOG_TARGET=console /lib/systemd/systemd-networkd
            """;
        using var networkd = LabProcess.Start(lab.Sensor, "unshare", "--mount", "--propagation", "private", "sh", "-c", Script, files);
        var clock = Stopwatch.StartNew();
        while (!networkd.Output.Contains("eth1: State changed: configuring -> configured", StringComparison.Ordinal))
        {
            Assert.False(networkd.HasExited, $"networkd stopped: {networkd.Output}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"networkd did not configure eth1: {networkd.Output}");
            Thread.Sleep(100);
        }

        Thread.Sleep(500);
        state = PortState.Read(lab.Sensor);
        networkd.Signal("TERM");
        networkd.WaitForExit(TimeSpan.FromSeconds(10));
        return networkd.Output;
    }

    /// <summary>What matters of a tap port's state: flags (of UP, NOARP, PROMISC, MULTICAST, ALLMULTI), addresses, IPv6 sysctls.</summary>
    private sealed record PortState(string Flags, int Promiscuity, string Addresses, string Ipv6)
    {
        private static readonly string[] Keys = ["disable_ipv6", "accept_ra", "autoconf", "dad_transmits", "router_solicitations", "addr_gen_mode"];

        public static PortState Read(string ns)
        {
            using var link = JsonDocument.Parse(LabProcess.Check("ip", "-n", ns, "-j", "-d", "link", "show", "dev", TapLab.SensorInterface));
            var l = link.RootElement[0];
            string flags = string.Join(' ', l.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)
                .Where(f => f is "UP" or "NOARP" or "PROMISC" or "MULTICAST" or "ALLMULTI").Order(StringComparer.Ordinal));
            using var addr = JsonDocument.Parse(LabProcess.Check("ip", "-n", ns, "-j", "address", "show", "dev", TapLab.SensorInterface));
            string addresses = string.Join(' ', addr.RootElement[0].GetProperty("addr_info").EnumerateArray().Select(a => a.GetProperty("local").GetString()));
            string values = LabProcess.Check("ip", ["netns", "exec", ns, "sysctl", "-n", .. Keys.Select(k => $"net/ipv6/conf/{TapLab.SensorInterface}/{k}")]);
            string ipv6 = string.Join(' ', Keys.Zip(values.Split('\n', StringSplitOptions.RemoveEmptyEntries), (k, v) => $"{k}={v.Trim()}"));
            return new PortState(flags, l.GetProperty("promiscuity").GetInt32(), addresses, ipv6);
        }
    }
}
