using EdgeSensor.Detection;

namespace EdgeSensor.Tests.Detection;

/// <summary>Each model fires on a real capture (learned against a normal one where it needs a baseline) and stays silent on normal traffic of the same kind.</summary>
public sealed class DetectionModelTests
{
    private const string WinccBaseline = "s7comm_wincc-s400_hmi-production-baseline.pcapng";

    [Fact]
    public void New_device_and_admin_rdp_fire_on_an_administr_cookie_from_a_device_the_baseline_never_saw()
    {
        var run = DetectionRun.Of([WinccBaseline], ["rdp_admin-cookie-administr.pcap"]);

        var rdp = run.Single("unusual-admin-rdp", "10.150.9.21");
        Assert.Contains(rdp.Evidence, e => e.Name == "rdp user (cookie)" && e.Value == "Administr");
        Assert.Contains(rdp.Evidence, e => e.Name == "admin-like user" && e.Value == "yes");
        Assert.True(rdp.Score >= 80);
        Assert.Equal(["T0886", "T0859"], rdp.Techniques);
        Assert.Equal(30, run.Single("new-device", "10.150.9.21").Score);
    }

    [Fact]
    public void Engineering_session_from_a_new_device_is_it_to_ics_reprogram_action_discover_and_new_connectivity()
    {
        var run = DetectionRun.Of([WinccBaseline], ["s7comm_tia-s300_download-hwconfig-with-stop.pcapng"]);
        const string ews = "134.217.61.131";

        Assert.Equal(80, run.Single("it-to-ics-connection", ews).Score);
        Assert.Equal(80, run.Single("uncommon-ics-reprogram", ews).Score);
        Assert.Equal(75, run.Single("new-action-commands", ews).Score);      // PLC stop (control)
        Assert.True(run.Fired("discover-commands"));
        Assert.Equal(50, run.Single("unusual-ics-connectivity", ews).Score);
        var incident = Assert.Single(run.Incidents, i => i.Device == ews);
        Assert.Equal(100, incident.Score);
        Assert.StartsWith("Controller program changed by a new device", incident.Title, StringComparison.Ordinal);
        Assert.Contains("Lateral Movement", incident.Tactics);
    }

    [Fact]
    public void Engineering_the_baseline_has_seen_raises_nothing()
    {
        const string session = "s7comm_tia-s300_download-hwconfig-with-stop.pcapng";
        var run = DetectionRun.Of([session], [session]);
        Assert.Empty(run.Anomalies);
    }

    [Fact]
    public void Umas_programming_is_a_reprogram()
    {
        var run = DetectionRun.Of([WinccBaseline], ["modbus_fc90-umas_modicon-engineering.pcap"]);
        var a = run.Single("uncommon-ics-reprogram", "192.168.63.100");
        Assert.Contains(a.Evidence, e => e.Value == "Modbus function 90");
    }

    [Fact]
    public void Tls_without_sni_to_a_new_external_host_and_its_self_signed_certificate()
    {
        // The client sits in a configured plant zone; the server stays external.
        var run = DetectionRun.Of([WinccBaseline], ["tls_self-signed-leaf_no-sni_no-cn.pcap"],
            zonesJson: """{"zones": [{"name": "Computing", "purdueLevel": 4, "subnets": ["192.150.187.20/32"]}]}""");

        var sni = run.Single("ssl-without-sni-to-new-external", "192.150.187.20");
        Assert.Equal(["192.150.187.39"], sni.Peers);
        var self = run.Single("rare-external-ssl-self-signed", "192.150.187.20");
        Assert.Contains(self.Evidence, e => e.Name == "certificate subject" && e.Value == "O=TestCorp");
        Assert.Equal(70, self.Score);
    }

    [Fact]
    public void A_ca_issued_certificate_with_sni_raises_no_tls_anomaly()
    {
        var run = DetectionRun.Of([WinccBaseline], ["tls_with-sni_ca-issued.pcap", "tls_ca-chain-incl-root_no-sni.pcap"]);
        Assert.False(run.Fired("rare-external-ssl-self-signed"));
        Assert.DoesNotContain(run.Anomalies, a => a.Model == "ssl-without-sni-to-new-external" && a.Peers.Contains("173.194.112.168"));
    }

    [Fact]
    public void Function_code_sweep_from_an_unknown_device_needs_no_baseline()
    {
        var run = DetectionRun.Of([], ["modbus_function-code-sweep-0-127_exceptions.pcap"]);
        var sweep = run.Single("discover-commands", "192.168.66.235");
        Assert.Contains(sweep.Evidence, e => e.Name.StartsWith("function code sweep", StringComparison.Ordinal));
        Assert.True(sweep.Score >= 80);
    }

    [Fact]
    public void Port_scan_fires_at_the_configured_threshold_and_not_below()
    {
        // scan_tcp-port-scan_single-host: 192.168.2.154 probes 10 ports of 192.168.2.22.
        var fires = DetectionRun.Of([], ["scan_tcp-port-scan_single-host.pcap"], new DetectionOptions { ScanTargets = 8 });
        var scan = fires.Single("ot-scan", "192.168.2.154");
        Assert.Contains(scan.Evidence, e => e.Name == "distinct ports" && e.Value == "8");

        var silent = DetectionRun.Of([], ["scan_tcp-port-scan_single-host.pcap"], new DetectionOptions { ScanTargets = 11 });
        Assert.False(silent.Fired("ot-scan"));
    }

    [Fact]
    public void Refused_connections_from_a_version_scan_are_failed_internal_connections()
    {
        var run = DetectionRun.Of([], ["scan_nmap-version-scan_multi-host.pcap"], new DetectionOptions { FailedInternalConnections = 3 });
        var failed = run.Single("failed-internal-connections", "192.168.1.71");
        Assert.Contains(failed.Evidence, e => e.Name == "failed attempts (host, port)");
    }

    [Fact]
    public void Scanners_and_tls_on_the_modbus_port_are_non_ics_traffic_on_an_ics_port()
    {
        var run = DetectionRun.Of([], ["modbus_and-non-modbus-on-port-502.pcap"]);
        Assert.True(run.Anomalies.Count(a => a.Model == "non-ics-on-ics-port") >= 3);
        Assert.All(run.Incidents, i => Assert.True(i.Score <= 50));
    }

    [Fact]
    public void Modbus_and_s7_on_conpots_ports_are_ics_on_non_standard_ports()
    {
        // Conpot serves Modbus on 5020 and S7 on 10201; without decode-as those are not ICS ports.
        var run = DetectionRun.Of([], ["scan_nmap-vs-conpot_ics-services-nonstd-ports.pcap"]);
        var a = run.Single("ics-on-non-standard-port", "127.0.0.1");
        Assert.Contains(a.Evidence, e => e.Name == "looks like");
    }

    [Theory]
    [InlineData("mixed_plant1_modbus-s7comm-it-traffic.pcap")]
    [InlineData("s7commplus_s7-1200_steady-state-with-it.pcapng")]
    [InlineData("rdp_tls-security_cookie.pcap")]
    [InlineData("scan_nmap-version-scan_multi-host.pcap")]
    public void Ordinary_traffic_on_other_ports_is_not_taken_for_ics(string capture)
    {
        var run = DetectionRun.Of([], [capture]);
        Assert.False(run.Fired("ics-on-non-standard-port"));
    }

    [Theory]
    [InlineData("modbus_plant1_polling-baseline.pcap", 42.48)]
    [InlineData(WinccBaseline, 4049.67)]
    [InlineData("s7comm_hmi-read-baseline-15min.pcap", 437.41)]
    public void Normal_plants_raise_nothing_after_learning_their_first_half(string capture, double halfSeconds)
    {
        var run = DetectionRun.Of([], [capture], learningSeconds: halfSeconds);
        Assert.False(run.Model.IsLearning);
        Assert.Empty(run.Anomalies);
    }

    [Fact]
    public void Learning_raises_no_incident_above_30()
    {
        var run = DetectionRun.Of([], ["mixed_plant1_modbus-s7comm-it-traffic.pcap", WinccBaseline, "modbus_plant1_polling-baseline.pcap"], learningSeconds: 1e9);
        Assert.True(run.Model.IsLearning);
        Assert.All(run.Incidents, i => Assert.True(i.Score <= 30, $"{i.Title} {i.Score}"));
    }
}
