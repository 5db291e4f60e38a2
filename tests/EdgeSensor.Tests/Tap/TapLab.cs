using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeSensor.Tests.Lab;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Tap;

/// <summary>
/// A gateway's tap port in miniature, made by the test (as root): namespace <see cref="Sensor"/> holds the sensor's
/// end of a veth pair, named <c>eth1</c> as on the gateway so the package's files apply unchanged, and left as the
/// kernel makes it (down, no address, IPv6 defaults); namespace <see cref="Peer"/> holds the other end, <c>eth0</c>,
/// up with <see cref="PeerAddress"/> in a private /24 that exists only here (no route out anywhere). Traffic in the
/// tests goes only to addresses of that /24. Disposing deletes both namespaces (which deletes the veth pair).
/// </summary>
public sealed partial class TapLab : IDisposable
{
    public const string SensorInterface = "eth1";
    public const string PeerInterface = "eth0";

    private static int _counter;

    private TapLab(string prefix, string subnet)
    {
        Sensor = $"{prefix}-sensor";
        Peer = $"{prefix}-peer";
        Subnet = subnet;
        Directory = System.IO.Directory.CreateTempSubdirectory("edge-tap-").FullName;
    }

    /// <summary>The sensor's namespace; its tap port is <see cref="SensorInterface"/>.</summary>
    public string Sensor { get; }

    /// <summary>The peer's namespace: the plant side of the wire, the traffic's source, and the place it is measured.</summary>
    public string Peer { get; }

    /// <summary>The lab's /24, e.g. "10.204.17" (an address is <c>$"{Subnet}.2"</c>).</summary>
    public string Subnet { get; }

    public string PeerAddress => $"{Subnet}.2";

    /// <summary>A temporary directory for this lab's files (deleted on dispose).</summary>
    public string Directory { get; }

    public string SensorMac { get; private set; } = string.Empty;

    public string PeerMac { get; private set; } = string.Empty;

    /// <summary>The script the package installs as /usr/lib/edge-sensor/edge-tap-setup, from the repository.</summary>
    public static string SetupScript => Path.Combine(RootFs, "usr", "lib", "edge-sensor", "edge-tap-setup");

    /// <summary>The package's overlay of files (firmware/sensor/rootfs).</summary>
    public static string RootFs => Path.Combine(SharedData.RepoRoot, "firmware", "sensor", "rootfs");

    public static TapLab Create()
    {
        if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the tap lab needs root (ip netns); CI runs as root");
        }

        LabPrerequisites.Require();
        int n = Interlocked.Increment(ref _counter);
        var lab = new TapLab($"edge-tap{Environment.ProcessId}-{n}", $"10.204.{(Environment.ProcessId + n) % 250}");
        try
        {
            lab.Setup(n);
        }
        catch
        {
            lab.Dispose();
            throw;
        }

        return lab;
    }

    private void Setup(int n)
    {
        // Short temporary names (15 characters at most), renamed inside the namespaces: nothing lands in the root one.
        string a = $"et{Environment.ProcessId % 100000}x{n}", b = $"et{Environment.ProcessId % 100000}y{n}";
        LabProcess.Check("ip", "netns", "add", Sensor);
        LabProcess.Check("ip", "netns", "add", Peer);
        LabProcess.Check("ip", "link", "add", a, "netns", Sensor, "type", "veth", "peer", "name", b, "netns", Peer);
        LabProcess.Check("ip", "-n", Sensor, "link", "set", a, "name", SensorInterface);
        LabProcess.Check("ip", "-n", Peer, "link", "set", b, "name", PeerInterface);
        LabProcess.Check("ip", "-n", Peer, "address", "add", $"{PeerAddress}/24", "dev", PeerInterface);
        LabProcess.Check("ip", "-n", Peer, "link", "set", PeerInterface, "up");
        LabProcess.Check("ip", "-n", Peer, "link", "set", "lo", "up");
        LabProcess.Check("ip", "-n", Sensor, "link", "set", "lo", "up");
        SensorMac = Mac(Sensor, SensorInterface);
        PeerMac = Mac(Peer, PeerInterface);
    }

    /// <summary>Runs the package's edge-tap-setup on the sensor's port, inside its namespace; returns its exit code and output.</summary>
    public (int ExitCode, string Stdout, string Stderr) ApplyTapSetup(params string[] arguments) =>
        LabProcess.Exec(Sensor, TimeSpan.FromSeconds(30), "sh", [SetupScript, .. arguments.Length == 0 ? [SensorInterface] : arguments]);

    /// <summary>
    /// Makes the sensor's port what it would be without the tap setup, with an address: the kernel's defaults (ARP,
    /// multicast, IPv6 with a link-local address, DAD, router solicitations) and <paramref name="address"/>/24, up.
    /// </summary>
    public void MakeOrdinaryInterface(string address)
    {
        Ip(Sensor, "link", "set", SensorInterface, "down");
        foreach (var (key, value) in new[] { ("disable_ipv6", "0"), ("accept_ra", "1"), ("autoconf", "1"), ("dad_transmits", "1"), ("router_solicitations", "-1"), ("addr_gen_mode", "0") })
        {
            LabProcess.Check("ip", "netns", "exec", Sensor, "sysctl", "-q", "-w", $"net/ipv6/conf/{SensorInterface}/{key}={value}");
        }

        Ip(Sensor, "link", "set", "dev", SensorInterface, "arp", "on", "multicast", "on", "promisc", "off");
        Ip(Sensor, "address", "add", $"{address}/24", "dev", SensorInterface);
        Ip(Sensor, "link", "set", SensorInterface, "up");
    }

    public static string Ip(string ns, params string[] arguments) => LabProcess.Check("ip", ["-n", ns, .. arguments]);

    /// <summary>Starts Edge's sensor (the build beside the tests) inside the sensor's namespace.</summary>
    public LabService StartSensor(params string[] arguments) =>
        LabProcess.Start(Sensor, "dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), .. arguments]);

    /// <summary>Runs Edge's sensor inside the sensor's namespace to its end.</summary>
    public (int ExitCode, string Stdout, string Stderr) RunSensor(TimeSpan timeout, params string[] arguments) =>
        LabProcess.Exec(Sensor, timeout, "dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), .. arguments]);

    /// <summary>A run configuration capturing on the tap port: no uplink, no status hardware, state in the lab's directory.</summary>
    public string WriteRunConfig(string name, bool allowAddressedInterface = false)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, $$"""
            { "site": "lab", "sensorId": "tap-test",
              "capture": { "interface": "{{SensorInterface}}"{{(allowAddressedInterface ? ", \"allowAddressedInterface\": true" : string.Empty)}} },
              "stateFile": "{{Path.Combine(Directory, name + ".state")}}",
              "status": { "driver": "none" } }
            """);
        return path;
    }

    /// <summary>
    /// tcpdump on the peer's end of the wire, both directions, into a pcap file in the lab's directory; with
    /// <paramref name="inboundOnly"/> only the frames arriving at the peer (<c>-Q in</c>): those came from the sensor's side.
    /// </summary>
    public TapCapture StartPeerCapture(string name, bool inboundOnly)
    {
        string path = Path.Combine(Directory, name + ".pcap");
        string[] args = ["-i", PeerInterface, "-n", "-s", "256", "--immediate-mode", "-U", "-Z", "root", .. inboundOnly ? new[] { "-Q", "in" } : [], "-w", path];
        var tcpdump = LabProcess.Start(Peer, "tcpdump", args);
        if (!tcpdump.WaitForOutput("listening on", TimeSpan.FromSeconds(20)))
        {
            string output = tcpdump.Output;
            tcpdump.Dispose();
            throw new InvalidOperationException($"tcpdump did not start on the peer: {output}");
        }

        return new TapCapture(tcpdump, path);
    }

    /// <summary>The frames of a recorded pcap that match a BPF filter (empty: all), one tcpdump line each (with MACs).</summary>
    public static IReadOnlyList<string> Frames(string pcap, string filter = "")
    {
        var (rc, stdout, stderr) = LabProcess.Run("tcpdump", ["-r", pcap, "-n", "-e", "-tttt", .. filter.Length == 0 ? Array.Empty<string>() : [filter]], TimeSpan.FromSeconds(30));
        if (rc != 0)
        {
            throw new InvalidOperationException($"tcpdump -r {pcap} {filter} failed: {stderr.Trim()}");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Traffic from the peer toward and through the link, for about <paramref name="seconds"/>, all of it to addresses
    /// of the lab's /24 (and IPv6 link-local/multicast on the wire): the peer's link bounces (its own DAD, router
    /// solicitations and MLD reports); ARP requests for .1 and .77, which nobody has in tap mode; pings to .50, a
    /// made-up host whose neighbour entry points at the sensor's MAC, so the frames reach the sensor's port addressed
    /// to it; broadcast pings; ICMPv6 echo to all nodes and to a made-up link-local address (neighbour solicitations);
    /// UDP and TCP to .1, .50 and .51 (a made-up MAC).
    /// </summary>
    public void RunTraffic(double seconds)
    {
        string c = seconds.ToString("0.#", CultureInfo.InvariantCulture);
        int count = Math.Max(2, (int)(seconds * 4));
        Ip(Peer, "neigh", "replace", $"{Subnet}.50", "lladdr", SensorMac, "dev", PeerInterface, "nud", "permanent");
        Ip(Peer, "neigh", "replace", $"{Subnet}.51", "lladdr", "02:ed:00:00:00:51", "dev", PeerInterface, "nud", "permanent");
        Ip(Peer, "link", "set", PeerInterface, "down");
        Ip(Peer, "link", "set", PeerInterface, "up");
        var timeout = TimeSpan.FromSeconds(seconds + 30);
        string udpTcp = $$"""
            import socket, time
            end = time.time() + {{c}}
            while time.time() < end:
                for host in ("{{Subnet}}.1", "{{Subnet}}.50", "{{Subnet}}.51"):
                    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    for port in (161, 502, 47808):
                        u.sendto(b"edge-tap-test", (host, port))
                    u.close()
                    for port in (102, 502):
                        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                        t.settimeout(0.2)
                        try:
                            t.connect((host, port))
                        except OSError:
                            pass
                        t.close()
                time.sleep(0.3)
            """;
        var jobs = new List<Task>
        {
            Task.Run(() => LabProcess.Exec(Peer, timeout, "ping", "-n", "-c", $"{count}", "-i", "0.25", "-W", "1", $"{Subnet}.1")),
            Task.Run(() => LabProcess.Exec(Peer, timeout, "ping", "-n", "-c", $"{count / 2}", "-i", "0.5", "-W", "1", $"{Subnet}.77")),
            Task.Run(() => LabProcess.Exec(Peer, timeout, "ping", "-n", "-c", $"{count}", "-i", "0.25", "-W", "1", $"{Subnet}.50")),
            Task.Run(() => LabProcess.Exec(Peer, timeout, "ping", "-n", "-b", "-c", $"{count / 2}", "-i", "0.5", "-W", "1", $"{Subnet}.255")),
            // IPv6 once the peer's own link-local address has passed its duplicate-address detection (about a second).
            Task.Run(async () =>
            {
                await Task.Delay(1500);
                LabProcess.Exec(Peer, timeout, "ping", "-n", "-6", "-c", $"{count / 3}", "-i", "0.5", "-W", "1", $"ff02::1%{PeerInterface}");
            }),
            Task.Run(async () =>
            {
                await Task.Delay(1500);
                LabProcess.Exec(Peer, timeout, "ping", "-n", "-6", "-c", $"{count / 3}", "-i", "0.5", "-W", "1", $"fe80::50%{PeerInterface}");
            }),
            Task.Run(() => LabProcess.Exec(Peer, timeout, "/usr/bin/python3", "-c", udpTcp)),
        };
        Task.WaitAll(jobs);
    }

    /// <summary>The frame count in <c>analyze</c>'s text report ("Analyzed: live capture on eth1, 1,234 frames").</summary>
    public static long AnalyzeFrames(string output)
    {
        var m = AnalyzedFrames().Match(output);
        return m.Success ? long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>The frame count in <c>run</c>'s log line at stop ("stopped capturing from eth1 after 1234 frames").</summary>
    public static long RunFrames(string output)
    {
        var m = RunStoppedFrames().Match(output);
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>The sensor port's own transmit counter (what the kernel sent through it since it was made).</summary>
    public long SensorTxPackets()
    {
        using var doc = JsonDocument.Parse(LabProcess.Check("ip", "-n", Sensor, "-j", "-s", "link", "show", "dev", SensorInterface));
        return doc.RootElement[0].GetProperty("stats64").GetProperty("tx").GetProperty("packets").GetInt64();
    }

    private static string Mac(string ns, string iface)
    {
        using var doc = JsonDocument.Parse(LabProcess.Check("ip", "-n", ns, "-j", "link", "show", "dev", iface));
        return doc.RootElement[0].GetProperty("address").GetString()!;
    }

    public void Dispose()
    {
        LabProcess.Run("ip", ["netns", "del", Sensor], TimeSpan.FromSeconds(30));
        LabProcess.Run("ip", ["netns", "del", Peer], TimeSpan.FromSeconds(30));
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"live capture on \S+, ([0-9,]+) frames?")]
    private static partial Regex AnalyzedFrames();

    [GeneratedRegex(@"stopped capturing from \S+ after ([0-9]+) frames")]
    private static partial Regex RunStoppedFrames();
}
