using Edge.Contracts.Assets;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Plant.Roles;

/// <summary>Roles inferred from real plant captures, pinned with the evidence they rest on.</summary>
public sealed class RoleInferenceCaptureTests
{
    [Fact]
    public void Mixed_plant_the_scada_polls_plcs_and_the_it_hosts_stay_it()
    {
        var assets = PlantRuns.Assets(PlantRuns.Learn(null, "mixed_plant1_modbus-s7comm-it-traffic.pcap"));

        // 141.81.0.10 polls Siemens PLCs over S7comm, Modbus PLCs and EtherNet/IP controllers.
        var scada = assets["141.81.0.10"];
        Assert.Equal(DeviceRoles.Hmi, scada.Role.Role);
        Assert.True(scada.Role.Confidence >= 0.85);
        Assert.Contains(scada.Role.Evidence, e => e.StartsWith("ICS client of ", StringComparison.Ordinal));
        Assert.Contains(scada.Role.Evidence, e => e.StartsWith("polls s7comm every", StringComparison.Ordinal));
        Assert.Contains(scada.Role.Evidence, e => e.StartsWith("polls modbus every", StringComparison.Ordinal));

        // Siemens S7 CPUs and Modbus PLCs answer their protocol.
        foreach (string plc in new[] { "141.81.0.146", "141.81.0.166", "141.81.0.111" })
        {
            Assert.Equal(DeviceRoles.Plc, assets[plc].Role.Role);
            Assert.Contains(assets[plc].Role.Evidence, e => e.StartsWith("answers s7comm on port 102", StringComparison.Ordinal));
            Assert.Equal("Siemens AG", assets[plc].MacVendor);
        }

        foreach (string plc in new[] { "141.81.0.66", "141.81.0.24", "141.81.0.143" })
        {
            Assert.Equal(DeviceRoles.Plc, assets[plc].Role.Role);
            Assert.Contains(assets[plc].Role.Evidence, e => e.StartsWith("answers modbus on port 502", StringComparison.Ordinal));
        }

        // Rockwell controllers answer EtherNet/IP, known by port only.
        Assert.Equal(DeviceRoles.Plc, assets["141.81.0.23"].Role.Role);
        Assert.Contains(assets["141.81.0.23"].Role.Evidence, e => e.Contains("enip on port 44818", StringComparison.Ordinal) && e.Contains("not decoded", StringComparison.Ordinal));

        // The HTTP/NetBIOS/SQL hosts speak no ICS protocol.
        foreach (string it in new[] { "141.81.0.11", "141.81.0.182", "141.81.0.188" })
        {
            Assert.Equal(DeviceRoles.ItHost, assets[it].Role.Role);
            Assert.Equal("it", assets[it].Zone.Domain);
            Assert.Equal("inferred", assets[it].Zone.Source);
        }

        Assert.Equal("ot", scada.Zone.Domain);
        // As many as tshark finds answering: tshark -Y "tcp.srcport==102 && s7comm" / "tcp.srcport==502 && modbus" -T fields -e ip.src | sort -u
        Assert.Equal(12, assets.Values.Count(a => a.Role.Role == DeviceRoles.Plc && a.ProtocolsServed.Contains("s7comm")));
        Assert.Equal(13, assets.Values.Count(a => a.Role.Role == DeviceRoles.Plc && a.ProtocolsServed.Contains("modbus")));
    }

    [Fact]
    public void Wincc_production_baseline_has_one_plc_and_one_hmi()
    {
        var assets = PlantRuns.Assets(PlantRuns.Learn(null, "s7comm_wincc-s400_hmi-production-baseline.pcapng"));

        var plc = assets["194.250.63.170"];
        var hmi = assets["194.250.63.239"];
        Assert.Equal(DeviceRoles.Plc, plc.Role.Role);
        Assert.Equal("RUN", plc.Identity?.OperatingState);       // SZL 0x0424 answers
        Assert.Equal(DeviceRoles.Hmi, hmi.Role.Role);
        Assert.Contains(hmi.Role.Evidence, e => e.StartsWith("polls s7comm every", StringComparison.Ordinal));
        Assert.DoesNotContain(hmi.Role.Evidence, e => e.Contains("program", StringComparison.Ordinal));
    }

    [Fact]
    public void An_engineering_session_is_an_engineering_workstation()
    {
        var assets = PlantRuns.Assets(PlantRuns.Learn(null, "s7comm_tia-s300_download-hwconfig-with-stop.pcapng"));
        var ews = assets.Values.Single(a => a.Role.Role == DeviceRoles.EngineeringWorkstation);
        Assert.True(ews.Role.Confidence >= 0.9);
        Assert.Contains(ews.Role.Evidence, e => e.Contains("program transfer", StringComparison.Ordinal));
        Assert.Contains(ews.Role.Evidence, e => e.Contains("control requests", StringComparison.Ordinal));
    }
}
