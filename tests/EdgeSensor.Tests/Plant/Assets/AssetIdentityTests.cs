using Edge.Contracts.Assets;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Plant.Assets;

/// <summary>
/// The asset records (what <c>analyze --json</c> prints) show each PLC's order number, firmware and names exactly as
/// its SZL answers carry them. The expected strings are tshark 4.0.17's decode of the same frames
/// (<c>tshark -n -r F -Y "s7comm.param.userdata.type==8 &amp;&amp; (s7comm.data.userdata.szl_id==0x0011 || s7comm.data.userdata.szl_id==0x001c)" -O s7comm</c>);
/// the firmware "V3.2.6" is tshark's Ausbg 22019 (0x5603: 'V', 3) and Ausbe 518 (0x0206: 2, 6) of record index 7.
/// </summary>
public sealed class AssetIdentityTests
{
    [Theory]
    [InlineData("s7comm_s7ident_szl-identification.pcap", "172.17.0.2", "6ES7 315-2EH14-0AB0", "V3.2.6", "SNAP7-SERVER", "CPU 315-2 PN/DP", "S C-C2UR28922012")]
    [InlineData("s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng", "134.217.61.211", "6ES7 315-2EH14-0AB0", "V3.2.7", "S7300/ET200M station_1", "PLC_1", "S C-B1U393142011")]
    [InlineData("s7comm_read-plc-status_szl.pcap", "192.168.1.40", "6ES7 151-8AB01-0AB0", "V3.2.6", "IM151-8-CPU", "IM151-8 PN/DP CPU", "S C-C6TW74882012")]
    public void Plc_asset_carries_its_szl_identity(string capture, string plc, string orderNumber, string firmware, string plcName, string moduleName, string serial)
    {
        var asset = PlantRuns.Assets(PlantRuns.Learn(null, capture))[plc];

        Assert.Equal(DeviceRoles.Plc, asset.Role.Role);
        var id = Assert.IsType<DeviceIdentity>(asset.Identity);
        Assert.Equal(orderNumber, id.OrderNumber);
        Assert.Equal(firmware, id.FirmwareVersion);
        Assert.Equal(plcName, id.PlcName);
        Assert.Equal(moduleName, id.ModuleName);
        Assert.Equal(serial, id.SerialNumber);
        Assert.Equal("Original Siemens Equipment", id.Copyright);
        Assert.Equal("RUN", id.OperatingState);
        Assert.Contains("s7-szl", id.Sources);
        Assert.Contains(asset.Role.Evidence, e => e.Contains(orderNumber, StringComparison.Ordinal));
    }

    [Fact]
    public void A_stop_command_shows_as_the_plc_state()
    {
        // s7comm_snap7-s300_plc-stop: a Job 0x29 (PLC stop) acknowledged by the CPU.
        var assets = PlantRuns.Assets(PlantRuns.Learn(null, "s7comm_snap7-s300_plc-stop.pcapng"));
        var plc = assets.Values.Single(a => a.ProtocolsServed.Contains("s7comm"));
        Assert.Equal("STOP", plc.Identity?.OperatingState);
    }
}
