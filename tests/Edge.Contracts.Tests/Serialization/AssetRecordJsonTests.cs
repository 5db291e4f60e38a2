using System.Text.Json;
using Edge.Contracts.Assets;
using Edge.Contracts.Serialization;

namespace Edge.Contracts.Tests.Serialization;

/// <summary>The asset record's wire form: camelCase, nulls omitted, attacker-controlled text kept as sent (escaped by JSON, not altered).</summary>
public sealed class AssetRecordJsonTests
{
    private static AssetRecord Sample() => new()
    {
        AssetId = "10.220.0.30",
        IpAddresses = ["10.220.0.30"],
        MacAddresses = ["02:ed:0a:dc:00:1e"],
        Vlans = [],
        FirstSeen = new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.Zero),
        LastSeen = new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.Zero),
        Identity = new DeviceIdentity { PlcName = "<script>alert(1)</script>", Sources = ["s7-szl"] },
        Role = new RoleAssessment { Role = DeviceRoles.Plc, Confidence = 0.97, Evidence = ["answers s7comm on port 102"] },
        Zone = new ZoneAssignment { Name = "Industrial", PurdueLevel = 1, Source = "config", Domain = "ot" },
        ProtocolsServed = ["s7comm"],
        ProtocolsUsed = [],
        Peers = [],
        Traffic = new TrafficSummary
        {
            PacketsSent = 1, PacketsReceived = 2, BytesSent = 3, BytesReceived = 4, FanOut = 0, FailedConnections = 0,
            BytesPerMinuteMean = 0, BytesPerMinuteStdDev = 0, ActiveMinutesByHour = new int[24],
        },
    };

    [Fact]
    public void Round_trips_and_keeps_packet_text_as_sent()
    {
        string json = JsonSerializer.Serialize(Sample(), EdgeJsonContext.Default.AssetRecord);
        var back = JsonSerializer.Deserialize(json, EdgeJsonContext.Default.AssetRecord)!;

        Assert.Equal("<script>alert(1)</script>", back.Identity!.PlcName);
        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);   // the JSON writer escapes < and >
        Assert.Contains("\"schemaVersion\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"asset\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("macVendor", json, StringComparison.Ordinal); // null: omitted
    }
}
