using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant.Zones;

namespace EdgeSensor.Tests.Plant.Zones;

public sealed class ZoneMapTests
{
    private const string Config = """
        {
          // the plant of the incident: an IT VLAN and an industrial VLAN
          "zones": [
            { "name": "Computing", "purdueLevel": 4, "subnets": ["10.10.4.0/24"], "vlans": [40] },
            { "name": "Industrial", "purdueLevel": 1, "subnets": ["10.10.1.0/24", "fd00:1::/64"], "vlans": [10] }
          ]
        }
        """;

    [Fact]
    public void Matches_subnets_first_then_vlans()
    {
        var map = ZoneMap.Parse(Config);

        Assert.Equal("Industrial", map.Find(NetAddress.Parse("10.10.1.20"), 0)?.Name);
        Assert.Equal("Computing", map.Find(NetAddress.Parse("10.10.4.7"), 10)?.Name);
        Assert.Equal("Industrial", map.Find(NetAddress.Parse("192.0.2.1"), 10)?.Name);
        Assert.Equal("Industrial", map.Find(NetAddress.Parse("fd00:1::5"), 0)?.Name);
        Assert.Null(map.Find(NetAddress.Parse("192.0.2.1"), 0));
        Assert.Equal("it", map.Zones[0].Domain);
        Assert.Equal("ot", map.Zones[1].Domain);
    }

    [Theory]
    [InlineData("not json", "not valid zones JSON")]
    [InlineData("""{"zones": []}""", "no zones defined")]
    [InlineData("""{"zones": [{"name": "A", "subnets": ["10.0.0.0/33"]}]}""", "bad subnet '10.0.0.0/33'")]
    [InlineData("""{"zones": [{"name": "A", "purdueLevel": 9, "vlans": [1]}]}""", "Purdue level 9")]
    [InlineData("""{"zones": [{"name": "A", "vlans": [5000]}]}""", "bad VLAN id 5000")]
    [InlineData("""{"zones": [{"name": "A"}]}""", "names no subnet and no VLAN")]
    [InlineData("""{"zones": [{"name": "A", "vlans": [1], "colour": "red"}]}""", "not valid zones JSON")]
    public void Bad_configuration_gives_a_one_line_reason(string json, string expected)
    {
        var e = Assert.Throws<ZoneConfigException>(() => ZoneMap.Parse(json, "zones.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith("zones.json", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.0/24", "10.1.2.255", true)]
    [InlineData("10.1.2.0/24", "10.1.3.0", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("fd00::/8", "fdff::1", true)]
    [InlineData("fd00::/16", "fd01::1", false)]
    [InlineData("2001:db8::/100", "2001:db8::fff:ffff", true)]
    public void Subnet_contains(string cidr, string address, bool expected)
    {
        Assert.True(Subnet.TryParse(cidr, out var subnet));
        Assert.Equal(expected, subnet.Contains(NetAddress.Parse(address)));
    }
}
