using Edge.Contracts.Assets;
using EdgeSensor.Tests.Parity;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Plant.Assets;

/// <summary>
/// Every asset's packets and bytes sent and received, and every peer's packets and bytes, equal what an independent
/// reading of the capture gives: frames whose outer IP source / destination is the address (captured lengths), and
/// frames between client and server on the server's port. The expectations come from
/// <see cref="IndependentCaptureReader"/> (no sensor code), not from hand-copied numbers. The shared reference has no
/// table of all frames (its per-protocol TSVs list only frames with a PDU, <c>summary.tsv</c> only totals), so the
/// reader is tied to tshark's view where the reference has one: its frame count equals <c>summary.tsv</c>'s
/// <c>packets</c>, its addresses equal <c>ip_src</c>/<c>ip_dst</c> of every frame the per-protocol TSVs list, and its
/// distinct IPv4 addresses equal <c>ipv4_hosts</c> (except in captures with ICMP errors: tshark gives those frames two
/// comma-joined addresses, which the reference's script counted as extra hosts). Checked against
/// <c>tshark -n -r F -T fields -E occurrence=f -e frame.cap_len -e ip.src -e ip.dst</c> over all shared captures when
/// written.
/// </summary>
public sealed class AssetTrafficCountTests
{
    private static readonly string[] ReferenceTables = ["modbus", "s7", "enip", "dnp3", "iec104", "opcua", "pndcp", "bacnet"];

    public static TheoryData<string> Captures => new()
    {
        "s7comm_snap7-s300_plc-stop.pcapng",                                  // 2 frames: the PLC receives the STOP before it sends
        "s7comm_step7-s300_plc-stop.pcapng",
        "modbus_fc43-14_read-device-id_exception.pcap",
        "modbus_and-non-modbus-on-port-502.pcap",
        "modbus_plant1_polling-baseline.pcap",
        "mixed_plant1_modbus-s7comm-it-traffic.pcap",                         // 38 hosts, Modbus, S7, EtherNet/IP and IT
        "scan_tcp-multi-host-multi-port.pcap",                                // VLAN; hosts answer probes only with ICMP
        "scan_nmap-version-scan_multi-host.pcap",
        "s7commplus_s7-1200_steady-state-with-it.pcapng",
        "dnp3_udp20000_select-operate-read-fragmented__zeek.pcap",            // UDP
        "enip_listidentity-tcp_set-time-attempt_io-udp2222__icsnpp.pcap",     // 11 frames cut by the snap length
        "bacnet_bbmd_foreign-device-registration_whois-iam.pcap",             // UDP, broadcasts
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void Packets_and_bytes_sent_and_received_match_the_capture(string capture)
    {
        var frames = ReadCheckedAgainstReference(capture);
        var sent = frames.Where(f => f.Source is not null).ToLookup(f => f.Source!);
        var received = frames.Where(f => f.Destination is not null).ToLookup(f => f.Destination!);

        var assets = PlantRuns.Assets(PlantRuns.Learn(null, capture));

        Assert.NotEmpty(assets);
        foreach (var (id, asset) in assets)
        {
            var expected = (
                Sent: sent[id].Count(), Received: received[id].Count(),
                BytesSent: sent[id].Sum(f => (long)f.CapturedLength), BytesReceived: received[id].Sum(f => (long)f.CapturedLength));
            var actual = (
                Sent: (int)asset.Traffic.PacketsSent, Received: (int)asset.Traffic.PacketsReceived,
                BytesSent: asset.Traffic.BytesSent, BytesReceived: asset.Traffic.BytesReceived);
            Assert.True(expected == actual, $"{capture}: {id} expected {expected}, got {actual}");
        }

        // Every unicast sender is an asset (not 0.0.0.0, broadcast, multicast, x.x.x.255).
        foreach (var address in sent.Select(g => g.Key).Where(IsUnicastIPv4))
        {
            Assert.True(assets.ContainsKey(address), $"{capture}: {address} sent frames but is no asset");
        }
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Peer_packets_and_bytes_are_the_frames_between_client_and_server_on_the_server_port(string capture)
    {
        // Holds for these captures: none has an unanswered attempt or a lone RST on a learned relation's port (those
        // feed no relation), and none runs TCP and UDP between the same pair on the same port.
        var frames = ReadCheckedAgainstReference(capture);
        var assets = PlantRuns.Assets(PlantRuns.Learn(null, capture));

        foreach (var (client, asset) in assets)
        {
            foreach (var peer in asset.Peers.Where(p => p.Direction == "client"))
            {
                var between = frames.Where(f =>
                    (f.Source == client && f.Destination == peer.Peer && f.DestinationPort == peer.ServerPort)
                    || (f.Source == peer.Peer && f.Destination == client && f.SourcePort == peer.ServerPort)).ToList();
                var expected = (Packets: (long)between.Count, Bytes: between.Sum(f => (long)f.CapturedLength));
                Assert.True(expected == (peer.Packets, peer.Bytes), $"{capture}: {client} -> {peer.Peer}:{peer.ServerPort} expected {expected}, got {(peer.Packets, peer.Bytes)}");

                var mirror = assets[peer.Peer].Peers.Single(p => p.Direction == "server" && p.Peer == client && p.ServerPort == peer.ServerPort && p.Protocol == peer.Protocol);
                Assert.Equal((peer.Packets, peer.Bytes), (mirror.Packets, mirror.Bytes));
            }
        }
    }

    [Fact]
    public void The_plc_of_the_stop_capture_received_the_stop_request()
    {
        // Frame 1: workstation -> PLC, S7 Job 0x29 (PLC stop); frame 2: the PLC's Ack_Data. No handshake in the capture.
        const string capture = "s7comm_snap7-s300_plc-stop.pcapng";
        var stop = IndependentCaptureReader.Read(SharedData.Pcap(capture))[0];
        var assets = PlantRuns.Assets(PlantRuns.Learn(null, capture));

        var plc = assets[stop.Destination!];
        Assert.Contains("s7comm", plc.ProtocolsServed);
        Assert.Equal(1, plc.Traffic.PacketsReceived);
        Assert.Equal(stop.CapturedLength, plc.Traffic.BytesReceived);
        Assert.Equal(2, plc.Peers.Single().Packets);
    }

    /// <summary>The reader's frames, after checking them against tshark's reference for the capture.</summary>
    private static List<ReaderFrame> ReadCheckedAgainstReference(string capture)
    {
        var frames = IndependentCaptureReader.Read(SharedData.Pcap(capture));
        var summary = TsvTable.Parse(File.ReadAllText(Path.Combine(SharedData.SharedRoot, "reference", "summary.tsv")));
        string[] row = summary.Rows.Single(r => summary.Get(r, "file") == capture);
        Assert.Equal(int.Parse(summary.Get(row, "packets"), System.Globalization.CultureInfo.InvariantCulture), frames.Count);

        if (!frames.Any(f => f.CarriesEmbeddedIpHeader))
        {
            int hosts = frames.SelectMany(f => new[] { f.Source, f.Destination }).Where(a => a is not null && !a.Contains(':', StringComparison.Ordinal)).Distinct().Count();
            Assert.Equal(int.Parse(summary.Get(row, "ipv4_hosts"), System.Globalization.CultureInfo.InvariantCulture), hosts);
        }

        foreach (string table in ReferenceTables)
        {
            string file = Path.Combine(SharedData.ReferenceDirectory, $"{capture}.{table}.tsv");
            if (!File.Exists(file))
            {
                continue;
            }

            var tsv = TsvTable.Parse(File.ReadAllText(file));
            foreach (string[] pdu in tsv.Rows)
            {
                string src = tsv.Get(pdu, "ip_src");
                if (src.Length == 0 || src.Contains(',', StringComparison.Ordinal))
                {
                    continue;
                }

                var frame = frames[int.Parse(tsv.Get(pdu, "frame"), System.Globalization.CultureInfo.InvariantCulture) - 1];
                Assert.Equal((src, tsv.Get(pdu, "ip_dst")), (frame.Source, frame.Destination));
            }
        }

        return frames;
    }

    private static bool IsUnicastIPv4(string address)
    {
        if (address.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        byte[] b = System.Net.IPAddress.Parse(address).GetAddressBytes();
        bool zero = b.All(x => x == 0);
        return !zero && b[0] < 224 && b[3] != 255;
    }
}
