using System.Globalization;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// The attack lab: a small plant built from network namespaces, as root, with a router, three bridged segments and a
/// mirror port for the sensor. Nothing is added to the root namespace except the namespaces' names: every veth is
/// created inside the router namespace, there is no default route anywhere and forwarding is on only in the router,
/// so no lab packet can leave the lab. Disposing stops the lab's services and deletes every namespace.
/// <code>
///                    rtr (ip_forward=1, no default route)                          sensor
///   IT  br-it  10.210.0.1  --p-it-ws--  it-ws  10.210.0.10   (workstation)
///                          --p-it-srv-  it-srv 10.210.0.5    (intranet http.server :8080)
///                          --p-laptop-  laptop 10.210.0.66   (the new laptop; its port is down until the incident)
///   OT  br-ot  10.220.0.1  --p-hmi----  hmi    10.220.0.20   (polls the PLCs; rdp_server.py :3389)
///                          --p-plc1---  plc1   10.220.0.30   (pymodbus server :502)
///                          --p-plc2---  plc2   10.220.0.40   (s7_plc.py :102)
///   EXT br-ext 198.18.0.1  --p-ext----  ext    198.18.0.50   (openssl s_server :4443, self-signed; :502 closed)
///
///   tc mirred: ingress of every p-* port, and the router's own frames (ARP, IP from a router address) at the
///   egress of each bridge  ==&gt;  tap0 (rtr) ---veth--- tap1 (sensor, promiscuous, no address)
/// </code>
/// Every frame on a segment enters the lab through exactly one host port, and frames the router originates leave
/// through exactly one bridge, so the sensor sees each packet once: a routed IT→OT packet at the IT host's port only.
/// </summary>
public sealed partial class AttackLab : IDisposable
{
    public const string HostInterface = "eth0";
    public const string TapInterface = "tap1";

    private static int _counter;
    private readonly List<string> _namespaces = [];
    private readonly List<LabService> _services = [];
    private readonly string _prefix;

    private AttackLab(string prefix, string workDirectory)
    {
        _prefix = prefix;
        WorkDirectory = workDirectory;
        It = new LabSegment("it", "br-it", "10.210.0", "10.210.0.1");
        Ot = new LabSegment("ot", "br-ot", "10.220.0", "10.220.0.1");
        Ext = new LabSegment("ext", "br-ext", "198.18.0", "198.18.0.1");
        Router = Ns("rtr");
        Sensor = Ns("sensor");
        ItWorkstation = Host("it-ws", It, 10);
        ItServer = Host("it-srv", It, 5);
        Laptop = Host("laptop", It, 66);
        Hmi = Host("hmi", Ot, 20);
        Plc1 = Host("plc1", Ot, 30);
        Plc2 = Host("plc2", Ot, 40);
        External = Host("ext", Ext, 50);
    }

    public LabSegment It { get; }

    public LabSegment Ot { get; }

    public LabSegment Ext { get; }

    public string Router { get; }

    /// <summary>The sensor's namespace; it captures on <see cref="TapInterface"/>.</summary>
    public string Sensor { get; }

    public AttackLabHost ItWorkstation { get; }

    public AttackLabHost ItServer { get; }

    public AttackLabHost Laptop { get; }

    public AttackLabHost Hmi { get; }

    public AttackLabHost Plc1 { get; }

    public AttackLabHost Plc2 { get; }

    public AttackLabHost External { get; }

    public IReadOnlyList<AttackLabHost> Hosts => [ItWorkstation, ItServer, Laptop, Hmi, Plc1, Plc2, External];

    public IReadOnlyList<LabSegment> Segments => [It, Ot, Ext];

    /// <summary>Every namespace the lab created (deleted on dispose).</summary>
    public IReadOnlyList<string> Namespaces => _namespaces;

    /// <summary>Scratch files (certificates, the intranet page); deleted on dispose.</summary>
    public string WorkDirectory { get; }

    public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "Lab", name);

    /// <summary>Builds the lab and starts its services (PLCs, the HMI's RDP listener, intranet server, external TLS server).</summary>
    public static AttackLab Create()
    {
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the attack lab needs root (ip netns, tc); CI runs as root");
        }

        LabPrerequisites.Require();
        RemoveStaleNamespaces();
        int n = Interlocked.Increment(ref _counter);
        string prefix = string.Create(CultureInfo.InvariantCulture, $"elab{Environment.ProcessId}-{n}");
        string work = Path.Combine(Path.GetTempPath(), prefix);
        Directory.CreateDirectory(work);
        var lab = new AttackLab(prefix, work);
        try
        {
            lab.BuildTopology();
            lab.StartServices();
        }
        catch
        {
            lab.Dispose();
            throw;
        }

        return lab;
    }

    /// <summary>
    /// Deletes the names of lab namespaces left by a test process that was killed before it could dispose its lab
    /// (names carry the creating process id; only those of processes that no longer exist are touched).
    /// </summary>
    private static void RemoveStaleNamespaces()
    {
        foreach (string line in LabProcess.Check("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = line.Split(' ')[0];
            var m = System.Text.RegularExpressions.Regex.Match(name, "^elab([0-9]+)-[0-9]+-");
            if (m.Success && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out int pid) && !Directory.Exists($"/proc/{pid}"))
            {
                LabProcess.Run("ip", ["netns", "del", name], TimeSpan.FromSeconds(30));
            }
        }
    }

    /// <summary>Deterministic, locally administered MACs (02:ed + the IPv4 address), so captures are easy to read.</summary>
    public static string MacFor(string address)
    {
        byte[] b = System.Net.IPAddress.Parse(address).GetAddressBytes();
        return string.Create(CultureInfo.InvariantCulture, $"02:ed:{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}");
    }

    public void Dispose()
    {
        foreach (var s in _services)
        {
            s.Dispose();
        }

        _services.Clear();
        for (int i = _namespaces.Count - 1; i >= 0; i--)
        {
            LabProcess.Run("ip", ["netns", "del", _namespaces[i]], TimeSpan.FromSeconds(30));
        }

        _namespaces.Clear();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: scratch files only
        }
    }

    private void BuildTopology()
    {
        foreach (string ns in new[] { Router, Sensor }.Concat(Hosts.Select(h => h.Namespace)))
        {
            LabProcess.Check("ip", "netns", "add", ns);
            _namespaces.Add(ns);
            // No IPv6: no router solicitations or MLD reports, so the recording holds only what the phases send.
            Sysctl(ns, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
            Ip(ns, "link", "set", "lo", "up");
        }

        // The router: forwarding on only here; no ICMP rate limit (the scan's "host unreachable" answers are not
        // dropped), no redirects, and a quick neighbour give-up on the OT segment so a /24 scan ends quickly.
        Sysctl(Router, "net.ipv4.ip_forward=1", "net.ipv4.icmp_ratelimit=0", "net.ipv4.conf.all.send_redirects=0",
            "net.ipv4.conf.default.send_redirects=0");
        foreach (var seg in Segments)
        {
            Ip(Router, "link", "add", seg.Bridge, "address", MacFor(seg.RouterAddress), "type", "bridge");
            Ip(Router, "addr", "add", $"{seg.RouterAddress}/24", "dev", seg.Bridge);
            Ip(Router, "link", "set", seg.Bridge, "up");
            Sysctl(Router, $"net.ipv4.neigh.{seg.Bridge}.mcast_solicit=1", $"net.ipv4.neigh.{seg.Bridge}.retrans_time_ms=300");
        }

        foreach (var h in Hosts)
        {
            Ip(Router, "link", "add", h.Port, "type", "veth", "peer", "name", HostInterface, "netns", h.Namespace);
            Ip(Router, "link", "set", h.Port, "master", h.Segment.Bridge);
            if (h != Laptop)
            {
                // The laptop's switch port stays down until the incident plugs it in.
                Ip(Router, "link", "set", h.Port, "up");
            }

            Ip(h.Namespace, "link", "set", HostInterface, "address", h.Mac);
            Ip(h.Namespace, "addr", "add", $"{h.Address}/24", "dev", HostInterface);
            Ip(h.Namespace, "link", "set", HostInterface, "up");

            foreach (var other in Segments.Where(s => s != h.Segment))
            {
                // Routes to the lab's segments only; no default route, so anything else is unreachable.
                Ip(h.Namespace, "route", "add", $"{other.Prefix}.0/24", "via", h.Segment.RouterAddress, "dev", HostInterface, "onlink");
            }
        }

        Ip(Router, "link", "add", "tap0", "type", "veth", "peer", "name", TapInterface, "netns", Sensor);
        Ip(Router, "link", "set", "tap0", "up");
        Ip(Sensor, "link", "set", TapInterface, "up", "promisc", "on");
        foreach (var h in Hosts)
        {
            Tc("qdisc", "add", "dev", h.Port, "clsact");
            Tc("filter", "add", "dev", h.Port, "ingress", "protocol", "all", "u32", "match", "u32", "0", "0", "action", "mirred", "egress", "mirror", "dev", "tap0");
        }

        foreach (var seg in Segments)
        {
            Tc("qdisc", "add", "dev", seg.Bridge, "clsact");
            Tc("filter", "add", "dev", seg.Bridge, "egress", "protocol", "arp", "u32", "match", "u32", "0", "0", "action", "mirred", "egress", "mirror", "dev", "tap0");
            foreach (var from in Segments)
            {
                Tc("filter", "add", "dev", seg.Bridge, "egress", "protocol", "ip", "u32", "match", "ip", "src", $"{from.RouterAddress}/32", "action", "mirred", "egress", "mirror", "dev", "tap0");
            }
        }
    }

    private void StartServices()
    {
        string cert = Path.Combine(WorkDirectory, "ext-cert.pem");
        string key = Path.Combine(WorkDirectory, "ext-key.pem");
        LabProcess.Check("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", cert, "-days", "7", "-subj", $"/CN={ExternalCertificateName}");
        // The HMI's Remote Desktop presents a self-signed certificate, as an RDP server does by default.
        string rdpCert = Path.Combine(WorkDirectory, "hmi-rdp-cert.pem");
        string rdpKey = Path.Combine(WorkDirectory, "hmi-rdp-key.pem");
        LabProcess.Check("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", rdpKey, "-out", rdpCert, "-days", "7", "-subj", $"/CN={HmiRdpCertificateName}");
        string www = Path.Combine(WorkDirectory, "www");
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Combine(www, "index.html"), "<html><body>Edge lab intranet</body></html>\n");

        _services.Add(LabProcess.Start(Plc1.Namespace, "/usr/bin/python3", ScriptPath("modbus_plc.py"), Plc1.Address));
        _services.Add(LabProcess.Start(Plc2.Namespace, "/usr/bin/python3", ScriptPath("s7_plc.py"), Plc2.Address));
        _services.Add(LabProcess.Start(Hmi.Namespace, "/usr/bin/python3", ScriptPath("rdp_server.py"), Hmi.Address, rdpCert, rdpKey));
        _services.Add(LabProcess.Start(ItServer.Namespace, "/usr/bin/python3", "-m", "http.server", "8080", "--bind", ItServer.Address, "--directory", www));
        // TLS 1.2 only, so the certificate travels in clear and the sensor can see it is self-signed.
        _services.Add(LabProcess.Start(External.Namespace, "openssl", "s_server", "-accept", $"{External.Address}:{ExternalTlsPort}",
            "-cert", cert, "-key", key, "-tls1_2", "-quiet"));

        WaitForListener(Plc1, 502);
        WaitForListener(Plc2, 102);
        WaitForListener(Hmi, RdpPort);
        WaitForListener(ItServer, 8080);
        WaitForListener(External, ExternalTlsPort);
    }

    public const int ExternalTlsPort = 4443;
    public const string ExternalCertificateName = "cdn-update.example.test";

    /// <summary>The HMI's Remote Desktop listener (rdp_server.py), the target of the laptop's admin session.</summary>
    public const int RdpPort = 3389;

    public const string HmiRdpCertificateName = "hmi";

    /// <summary>Waits until a service listens, by asking the host's own socket table (sends nothing).</summary>
    private void WaitForListener(AttackLabHost host, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var (_, stdout, _) = LabProcess.Exec(host.Namespace, TimeSpan.FromSeconds(5), "ss", "-Hltn", $"sport = :{port}");
            if (stdout.Trim().Length > 0)
            {
                return;
            }

            var dead = _services.FirstOrDefault(s => s.HasExited);
            if (dead is not null)
            {
                throw new InvalidOperationException($"{dead.Name} exited: {dead.Output}");
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"nothing listens on {host.Address}:{port} in {host.Namespace}");
    }

    private string Ns(string name) => $"{_prefix}-{name}";

    private AttackLabHost Host(string name, LabSegment segment, int lastOctet)
    {
        string address = string.Create(CultureInfo.InvariantCulture, $"{segment.Prefix}.{lastOctet}");
        return new AttackLabHost(name, Ns(name), address, MacFor(address), segment, $"p-{name}");
    }

    private static void Ip(string ns, params string[] args) => LabProcess.Check("ip", ["-n", ns, .. args]);

    private void Tc(params string[] args) => LabProcess.Check("ip", ["netns", "exec", Router, "tc", .. args]);

    private static void Sysctl(string ns, params string[] settings) =>
        LabProcess.Check("ip", ["netns", "exec", ns, "sysctl", "-qw", .. settings]);
}

/// <summary>A lab segment: its bridge in the router namespace, its /24 and the router's address on it.</summary>
public sealed record LabSegment(string Name, string Bridge, string Prefix, string RouterAddress)
{
    public string RouterMac => AttackLab.MacFor(RouterAddress);
}

/// <summary>A lab host: its namespace (interface eth0), address, MAC, segment and its port on the segment's bridge.</summary>
public sealed record AttackLabHost(string Name, string Namespace, string Address, string Mac, LabSegment Segment, string Port);
