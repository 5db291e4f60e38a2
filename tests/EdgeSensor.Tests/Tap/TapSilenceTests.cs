using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Persistence;
using Xunit.Abstractions;

namespace EdgeSensor.Tests.Tap;

/// <summary>
/// The box never transmits on its tap: measured on the wire, at the other end of it. A sensor namespace whose port
/// (eth1) gets the package's edge-tap-setup, a peer namespace that floods the link with what makes a host speak (ARP
/// requests, pings to made-up addresses, broadcasts, IPv6 multicast and neighbour solicitations, UDP and TCP, its own
/// link bouncing), <c>edge-sensor run</c> and <c>edge-sensor analyze</c> capturing on the port meanwhile, and tcpdump
/// on the peer counting what arrives from the sensor's side. The control half gives the same port the kernel's
/// defaults and an address and shows the same traffic does draw frames out of it, so the zero means something.
/// </summary>
public sealed class TapSilenceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public void Nothing_leaves_the_tap_port_while_run_and_analyze_capture_on_it_but_frames_do_without_the_tap_setup()
    {
        using var lab = TapLab.Create();
        string runConfig = lab.WriteRunConfig("tap.json");
        string tapIn, tapAll;
        string runLog, analyzeLog;

        // Recording starts before the setup: the port coming up must not speak either.
        using (var inbound = lab.StartPeerCapture("tap-in", inboundOnly: true))
        using (var all = lab.StartPeerCapture("tap-all", inboundOnly: false))
        {
            var setup = lab.ApplyTapSetup();
            Assert.True(setup.ExitCode == 0, $"edge-tap-setup failed ({setup.ExitCode}): {setup.Stderr}");
            using var run = lab.StartSensor("run", "--config", runConfig);
            using var analyze = lab.StartSensor("analyze", "--interface", TapLab.SensorInterface, "--duration", "600");
            Assert.True(run.WaitForOutput("capturing from", StartTimeout), run.Output);
            Assert.True(analyze.WaitForOutput("capturing on", StartTimeout), analyze.Output);

            lab.RunTraffic(seconds: 6);
            Thread.Sleep(500);
            run.Signal("TERM");
            analyze.Signal("TERM");
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)), $"run did not stop on SIGTERM: {run.Output}");
            Assert.True(analyze.WaitForExit(TimeSpan.FromSeconds(60)), $"analyze did not stop on SIGTERM: {analyze.Output}");
            runLog = run.Output;
            analyzeLog = analyze.Output;
            Assert.True(run.ExitCode == 0, runLog);
            Assert.True(analyze.ExitCode == 0, analyzeLog);
            inbound.Stop();
            all.Stop();
            tapIn = inbound.Path;
            tapAll = all.Path;
        }

        // What the sensor saw.
        long runFrames = TapLab.RunFrames(runLog);
        long analyzeFrames = TapLab.AnalyzeFrames(analyzeLog);
        Assert.Contains("capturing from eth1 (inbound frames only)", runLog, StringComparison.Ordinal);
        Assert.Contains("capturing on eth1 (inbound frames only)", analyzeLog, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", analyzeLog, StringComparison.Ordinal);
        Assert.True(runFrames > 0, $"run saw no frames: {runLog}");
        Assert.True(analyzeFrames > 0, $"analyze saw no frames: {analyzeLog}");
        var model = new PlantModel(new PlantOptions());
        Assert.Equal(StateLoadOutcome.Loaded, PlantStateStore.Load(runConfig + ".state", model).Outcome);
        Assert.True(model.Devices.TryFind(NetAddress.Parse(lab.PeerAddress), out _), "run's saved model has no peer device");

        // What left the sensor's port: nothing. The recording itself worked (the peer's own frames are in it).
        var arrivedAtPeer = TapLab.Frames(tapIn);
        var recorded = TapLab.Frames(tapAll);
        var fromSensorMac = TapLab.Frames(tapAll, $"ether src {lab.SensorMac}");
        var notFromPeer = TapLab.Frames(tapAll, $"not ether src {lab.PeerMac}");
        output.WriteLine($"tap: run saw {runFrames} frames, analyze {analyzeFrames}; at the peer: {recorded.Count} frames recorded, "
            + $"{arrivedAtPeer.Count} arrived from the sensor's side (-Q in), {fromSensorMac.Count} from the sensor's MAC, {notFromPeer.Count} not from the peer's MAC");
        Assert.True(recorded.Count > 20, $"the peer recording is nearly empty: {recorded.Count} frames");
        Assert.True(arrivedAtPeer.Count == 0, "frames arrived from the sensor's tap port:\n" + string.Join('\n', arrivedAtPeer));
        Assert.True(fromSensorMac.Count == 0, "frames from the sensor's MAC:\n" + string.Join('\n', fromSensorMac));
        Assert.True(notFromPeer.Count == 0, "frames not sent by the peer:\n" + string.Join('\n', notFromPeer));
        long txTap = lab.SensorTxPackets();
        output.WriteLine($"tap: the sensor port's own TX counter: {txTap} packets");
        Assert.Equal(0, txTap);

        // Control: the same port without the tap setup (kernel defaults) and with an address answers and announces.
        string plainIn, plainAll;
        using (var inbound = lab.StartPeerCapture("plain-in", inboundOnly: true))
        using (var all = lab.StartPeerCapture("plain-all", inboundOnly: false))
        {
            lab.MakeOrdinaryInterface($"{lab.Subnet}.1");
            lab.RunTraffic(seconds: 6);
            Thread.Sleep(1000);
            inbound.Stop();
            all.Stop();
            plainIn = inbound.Path;
            plainAll = all.Path;
        }

        var leftPlain = TapLab.Frames(plainIn);
        var arp = TapLab.Frames(plainAll, $"ether src {lab.SensorMac} and arp");
        var icmp = TapLab.Frames(plainAll, $"ether src {lab.SensorMac} and icmp");
        var ip6 = TapLab.Frames(plainAll, $"ether src {lab.SensorMac} and ip6");
        output.WriteLine($"control (no tap setup, address {lab.Subnet}.1): {leftPlain.Count} frames arrived from the sensor's side "
            + $"(-Q in); from its MAC: {arp.Count} ARP, {icmp.Count} ICMP, {ip6.Count} IPv6");
        output.WriteLine(string.Join('\n', leftPlain.Take(40)));
        long txPlain = lab.SensorTxPackets();
        output.WriteLine($"control: the sensor port's own TX counter: {txPlain} packets");
        Assert.True(leftPlain.Count > 0, "the control drew no frame out of the sensor's port: the measurement cannot see any");
        Assert.True(txPlain > 0, "the control's TX counter stayed at 0");
        Assert.True(arp.Count > 0, "no ARP reply from the ordinary interface");
        Assert.True(ip6.Count > 0, "no IPv6 (DAD, router solicitation, MLD, echo reply) from the ordinary interface");
    }

    [Fact]
    public void Inbound_only_capture_leaves_out_frames_the_sensor_host_sends_itself()
    {
        using var lab = TapLab.Create();
        var setup = lab.ApplyTapSetup();
        Assert.True(setup.ExitCode == 0, setup.Stderr);

        // A tap port: inbound only. The peer sends 10 frames of a local experimental EtherType, the sensor's host 7.
        long tapFrames = AnalyzeExperimentalFrames(lab, expectWarning: false, fromPeer: 10, fromSensorHost: 7);
        Assert.Equal(10, tapFrames);

        // The same port with an address: a host's own NIC, captured in both directions (with a warning).
        TapLab.Ip(lab.Sensor, "address", "add", $"{lab.Subnet}.1/24", "dev", TapLab.SensorInterface);
        long addressedFrames = AnalyzeExperimentalFrames(lab, expectWarning: true, fromPeer: 10, fromSensorHost: 7);
        Assert.Equal(17, addressedFrames);
        output.WriteLine($"EtherType 0x88b5, 10 from the peer and 7 sent by the sensor's host: tap port {tapFrames} captured, addressed port {addressedFrames}");
    }

    private static long AnalyzeExperimentalFrames(TapLab lab, bool expectWarning, int fromPeer, int fromSensorHost)
    {
        using var analyze = lab.StartSensor("analyze", "--interface", TapLab.SensorInterface, "--bpf", "ether proto 0x88b5", "--duration", "600");
        Assert.True(analyze.WaitForOutput("capturing on", StartTimeout), analyze.Output);
        Assert.Contains(expectWarning ? "(frames in both directions)" : "(inbound frames only)", analyze.Output, StringComparison.Ordinal);
        Assert.Equal(expectWarning, analyze.Output.Contains("warning: eth1 has an address", StringComparison.Ordinal));
        SendRaw(lab.Peer, TapLab.PeerInterface, fromPeer);
        SendRaw(lab.Sensor, TapLab.SensorInterface, fromSensorHost);
        Thread.Sleep(1000);
        analyze.Signal("TERM");
        Assert.True(analyze.WaitForExit(TimeSpan.FromSeconds(60)), analyze.Output);
        Assert.True(analyze.ExitCode == 0, analyze.Output);
        return TapLab.AnalyzeFrames(analyze.Output);
    }

    /// <summary>Sends frames of EtherType 0x88b5 (IEEE local experimental) out of an interface through a packet socket.</summary>
    private static void SendRaw(string ns, string iface, int count)
    {
        string script = $$"""
            import socket
            src = bytes.fromhex(open("/sys/class/net/{{iface}}/address").read().strip().replace(":", ""))
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind(("{{iface}}", 0))
            for i in range({{count}}):
                s.send(bytes.fromhex("02ed000000aa") + src + b"\x88\xb5" + (b"edge-tap-direction %d" % i).ljust(46, b"\0"))
            """;
        var (rc, _, stderr) = Lab.LabProcess.Exec(ns, TimeSpan.FromSeconds(30), "/usr/bin/python3", "-c", script);
        Assert.True(rc == 0, stderr);
    }
}
