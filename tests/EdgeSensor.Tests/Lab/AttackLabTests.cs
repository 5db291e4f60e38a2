using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// The attack lab itself: it builds and leaves nothing behind, it has no way out, its tap sees each packet once, and
/// its incident recording holds every phase of the incident (checked with tshark and with Edge's own dissector).
/// </summary>
[Trait("Category", "Lab")]
public sealed class AttackLabTests
{
    [Fact]
    public void Builds_and_tears_down_leaving_no_namespaces()
    {
        IReadOnlyList<string> names;
        using (var lab = AttackLab.Create())
        {
            names = [.. lab.Namespaces];
            Assert.Equal(9, names.Count);
            var listed = NamespaceList();
            Assert.All(names, n => Assert.Contains(n, listed));
            // Nothing of the lab lives in the root namespace: no bridge, port or tap was created here.
            string rootLinks = LabProcess.Check("ip", "-o", "link", "show");
            Assert.DoesNotContain("p-laptop", rootLinks, StringComparison.Ordinal);
            Assert.DoesNotContain("tap0", rootLinks, StringComparison.Ordinal);
            Assert.DoesNotContain("br-ot", rootLinks, StringComparison.Ordinal);
        }

        var after = NamespaceList();
        Assert.All(names, n => Assert.DoesNotContain(n, after));
    }

    [Fact]
    public void Has_no_route_out_of_the_lab()
    {
        using var lab = AttackLab.Create();
        foreach (string ns in lab.Namespaces)
        {
            foreach (string outside in new[] { "1.1.1.1", "192.0.2.1", "8.8.8.8" })
            {
                // Only the routing table is asked; nothing is sent.
                var (rc, stdout, stderr) = LabProcess.Exec(ns, TimeSpan.FromSeconds(5), "ip", "route", "get", outside);
                Assert.True(rc != 0, $"{ns} has a route to {outside}: {stdout}");
                Assert.Contains("unreachable", stderr, StringComparison.OrdinalIgnoreCase);
            }

            string routes = LabProcess.Check("ip", "-n", ns, "route", "show");
            Assert.DoesNotContain("default", routes, StringComparison.Ordinal);
        }

        // Forwarding is on in the router only.
        Assert.Equal("1", LabProcess.Check("ip", "netns", "exec", lab.Router, "sysctl", "-n", "net.ipv4.ip_forward").Trim());
        Assert.All(lab.Hosts, h =>
            Assert.Equal("0", LabProcess.Check("ip", "netns", "exec", h.Namespace, "sysctl", "-n", "net.ipv4.ip_forward").Trim()));
        // ...and the lab really routes between its own segments.
        var ping = LabProcess.Exec(lab.ItWorkstation.Namespace, TimeSpan.FromSeconds(10), "ping", "-c", "1", "-W", "2", lab.Plc1.Address);
        Assert.True(ping.ExitCode == 0, ping.Stdout + ping.Stderr);
    }

    [Fact]
    public void Tap_sees_it_to_ot_and_it_to_ext_traffic_once_per_packet()
    {
        using var lab = AttackLab.Create();
        string pcap = Path.Combine(SharedData.ArtifactsDirectory, "lab", "tap.pcap");
        using (var capture = lab.StartTapCapture(pcap))
        {
            foreach (var target in new[] { lab.Hmi, lab.External })
            {
                var ping = LabProcess.Exec(lab.ItWorkstation.Namespace, TimeSpan.FromSeconds(15), "ping", "-c", "5", "-i", "0.2", "-W", "2", target.Address);
                Assert.True(ping.ExitCode == 0, ping.Stdout + ping.Stderr);
            }

            Thread.Sleep(300);
            capture.Stop();
        }

        var rows = Tshark.Fields(pcap, "icmp", "ip.src", "ip.dst", "icmp.type", "icmp.seq");
        foreach (var target in new[] { lab.Hmi, lab.External })
        {
            string ws = lab.ItWorkstation.Address;
            var requests = rows.Where(r => r[0] == ws && r[1] == target.Address && r[2] == "8").Select(r => r[3]).ToList();
            var replies = rows.Where(r => r[0] == target.Address && r[1] == ws && r[2] == "0").Select(r => r[3]).ToList();
            Assert.Equal(["1", "2", "3", "4", "5"], requests.Order(StringComparer.Ordinal));
            Assert.Equal(["1", "2", "3", "4", "5"], replies.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Incident_recording_holds_every_phase()
    {
        string pcap = Path.Combine(SharedData.ArtifactsDirectory, "lab", "incident.pcap");
        IncidentLog log;
        AttackLab labInfo;
        string live;
        using (var lab = AttackLab.Create())
        {
            labInfo = lab;
            // Edge itself also listens on the tap, live, while the incident is recorded.
            using var sensor = lab.StartSensor("dissect", "--interface", AttackLab.TapInterface, "--protocol", "s7");
            Assert.True(sensor.WaitForOutput("capturing on", TimeSpan.FromSeconds(20)), sensor.Output);
            log = lab.RecordIncident(pcap);
            // On an idle interface `dissect --interface` acts on SIGINT only when the next frame arrives, so a ping to
            // the gateway follows the signal.
            sensor.Signal("INT");
            LabProcess.Exec(lab.ItWorkstation.Namespace, TimeSpan.FromSeconds(10), "ping", "-c", "3", "-i", "0.2", "-W", "1", lab.It.RouterAddress);
            Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(10)), "the live sensor did not stop on SIGINT");
            Assert.Equal(0, sensor.ExitCode);
            live = sensor.Output;
        }

        string laptop = labInfo.Laptop.Address, hmi = labInfo.Hmi.Address, ext = labInfo.External.Address;
        Assert.True(File.Exists(pcap + ".phases.tsv"));

        // Nothing is mirrored twice: no two identical frames within a millisecond (a second mirror copy would be
        // microseconds apart; real retransmissions differ in IP id or come much later).
        var frames = Tshark.Fields(pcap, "frame", "frame.time_epoch", "frame.md5_hash");
        var lastSeen = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var f in frames)
        {
            decimal t = decimal.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(lastSeen.TryGetValue(f[1], out decimal prev) && t - prev < 0.001m, $"frame at {f[0]} duplicates one at {prev}");
            lastSeen[f[1]] = t;
        }

        // The laptop's first frame is an ARP request for its gateway, then it pings it.
        var first = Tshark.Fields(pcap, $"eth.src=={labInfo.Laptop.Mac}", "arp.dst.proto_ipv4", "icmp.type", "ip.dst").First();
        Assert.Equal(labInfo.It.RouterAddress, first[0]);
        Assert.Contains(Tshark.Fields(pcap, $"icmp.type==8 && ip.src=={laptop}", "ip.dst"), r => r[0] == labInfo.It.RouterAddress);
        Assert.True(log["tap capture"].ExitCode == 0, log["tap capture"].Stdout);
        Assert.Equal(0, log["nmap scan"].ExitCode);
        Assert.Equal(0, log["s7 attack"].ExitCode);
        Assert.Equal(0, log["modbus read"].ExitCode);
        Assert.Equal(0, log["modbus write"].ExitCode);

        // (a) the admin RDP session, laptop -> HMI:3389: connection request with the admin cookie asking for TLS or
        // CredSSP, confirm selecting TLS, then the TLS handshake (the HMI's self-signed certificate)
        Assert.Equal(0, log["rdp session"].ExitCode);
        var rdp = Tshark.Fields(pcap, "rdp.rt_cookie", "ip.src", "ip.dst", "rdp.rt_cookie", "rdp.neg_type", "rdp.negReq.requestedProtocols");
        Assert.Contains(rdp, r => r[0] == laptop && r[1] == hmi && r[2] == $"Cookie: mstshash={AttackLab.RdpUser}" && r[3] == "0x01" && r[4] == "0x00000003");
        var confirm = Tshark.Fields(pcap, $"rdp.neg_type==0x02 && ip.src=={hmi}", "ip.dst", "rdp.negReq.selectedProtocol");
        Assert.Contains(confirm, r => r[0] == laptop && r[1] == "0x00000001");
        var rdpCert = Tshark.FieldsDecodingAs(pcap, $"tcp.port=={AttackLab.RdpPort},tls", $"tls.handshake.type==11 && ip.src=={hmi}", "ip.dst", "x509sat.uTF8String");
        Assert.Contains(rdpCert, r => r[0] == laptop && r[1] == $"{AttackLab.HmiRdpCertificateName},{AttackLab.HmiRdpCertificateName}");

        // (b) the scan: SYNs from the laptop to 102 and 502 on many OT addresses
        var syns = Tshark.Fields(pcap, $"!icmp && ip.src=={laptop} && ip.dst==10.220.0.0/24 && tcp.flags.syn==1 && tcp.flags.ack==0", "ip.dst", "tcp.dstport");
        foreach (string port in new[] { "102", "502" })
        {
            int targets = syns.Where(r => r[1] == port).Select(r => r[0]).Distinct().Count();
            Assert.True(targets == 256, $"{targets} of the 256 OT addresses (.0-.255) saw a SYN to {port}");
        }

        // (c) TLS ClientHello without SNI to the external host, and its self-signed certificate back
        var hello = Tshark.Fields(pcap, $"tls.handshake.type==1 && ip.dst=={ext}", "ip.src", "tls.handshake.extensions_server_name");
        Assert.Contains(hello, r => r[0] == laptop && r[1].Length == 0);
        var cert = Tshark.Fields(pcap, $"tls.handshake.type==11 && ip.src=={ext}", "x509sat.uTF8String");
        Assert.Contains(cert, r => r[0] == $"{AttackLab.ExternalCertificateName},{AttackLab.ExternalCertificateName}");

        // (d) RSTs from ext:502
        var rsts = Tshark.Fields(pcap, $"ip.src=={ext} && tcp.srcport==502 && tcp.flags.reset==1", "ip.dst");
        Assert.True(rsts.Count(r => r[0] == laptop) >= 3, $"{rsts.Count} RSTs from {ext}:502");

        // (e) Modbus laptop -> plc1 (read FC3 and write FC16) and S7 laptop -> plc2 (write var 0x05, PLC stop 0x29)
        var modbus = Tshark.Fields(pcap, $"mbtcp && ip.src=={laptop} && ip.dst=={labInfo.Plc1.Address}", "modbus.func_code");
        Assert.Contains(modbus, r => r[0] == "3");
        Assert.Contains(modbus, r => r[0] == "16");
        var s7 = Tshark.Fields(pcap, $"s7comm && ip.src=={laptop} && ip.dst=={labInfo.Plc2.Address}", "s7comm.param.func", "s7comm.header.rosctr");
        Assert.Contains(s7, r => r[0] == "0x05");
        Assert.Contains(s7, r => r[0] == "0x29");
        Assert.Contains(s7, r => r[1] == "7");

        // The recording is the demo's scenario: normal traffic for the learning period before the laptop's first frame,
        // and a sensor replaying it from scratch raises the incident's breach summary and nothing else above 30.
        var start = decimal.Parse(frames[0][0], System.Globalization.CultureInfo.InvariantCulture);
        var laptopFirst = decimal.Parse(Tshark.Fields(pcap, $"eth.src=={labInfo.Laptop.Mac}", "frame.time_epoch")[0][0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(laptopFirst - start > AttackLab.ScenarioLearningSeconds + 1, $"the laptop appears {laptopFirst - start} s into the recording");
        IncidentExpectations.AssertOneBreachSummaryAboutTheLaptop(ScenarioReplay.Run(pcap, AttackLab.Zones), $"replay of {pcap}");

        // Edge's own dissector decodes the lab's Modbus and S7 too: live on the tap, and from the recording.
        Assert.Contains(live.Split('\n'), l => l.Contains($"\t{laptop}\t{labInfo.Plc2.Address}\t", StringComparison.Ordinal) && l.Contains("\t0x29\t", StringComparison.Ordinal));
        var edgeS7 = EdgeDissect(pcap, "s7");
        Assert.Contains(edgeS7, l => l.Contains(laptop, StringComparison.Ordinal) && l.Contains(labInfo.Plc2.Address, StringComparison.Ordinal));
        var edgeModbus = EdgeDissect(pcap, "modbus");
        Assert.Contains(edgeModbus, l => l.Contains(laptop, StringComparison.Ordinal) && l.Contains(labInfo.Plc1.Address, StringComparison.Ordinal));
    }

    private static List<string> NamespaceList() =>
        LabProcess.Check("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

    private static List<string> EdgeDissect(string pcap, string protocol)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll");
        var (rc, stdout, stderr) = LabProcess.Run("dotnet", [dll, "dissect", pcap, "--protocol", protocol], TimeSpan.FromSeconds(60));
        Assert.True(rc == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
    }
}

/// <summary>tshark (Wireshark 4.0) as the independent witness of what the lab put on the wire.</summary>
internal static class Tshark
{
    public static List<string[]> Fields(string pcap, string filter, params string[] fields) =>
        FieldsDecodingAs(pcap, $"tcp.port=={AttackLab.ExternalTlsPort},tls", filter, fields);

    /// <summary>
    /// Fields with one <c>-d</c> rule of our own, e.g. <c>tcp.port==3389,tls</c>: tshark 4.0 shows the TLS after RDP's
    /// X.224 confirm as TPKT continuation, and reads it as TLS only when told to (the X.224 PDUs then show as garbage).
    /// </summary>
    public static List<string[]> FieldsDecodingAs(string pcap, string decodeAs, string filter, params string[] fields)
    {
        var args = new List<string> { "-r", pcap, "-n", "-o", "frame.generate_md5_hash:TRUE", "-d", decodeAs, "-Y", filter, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=," };
        foreach (string f in fields)
        {
            args.Add("-e");
            args.Add(f);
        }

        var (rc, stdout, stderr) = LabProcess.Run("tshark", args, TimeSpan.FromSeconds(60));
        if (rc != 0)
        {
            throw new InvalidOperationException($"tshark {filter} failed: {stderr}");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
    }
}
