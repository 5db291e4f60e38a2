using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant.Zones;

namespace EdgeSensor.Detection;

/// <summary>Whether an address is inside the plant (a configured zone, or private/special-use space) or external.</summary>
public static class NetworkScope
{
    private static readonly Subnet[] Internal =
    [
        Cidr("10.0.0.0/8"), Cidr("172.16.0.0/12"), Cidr("192.168.0.0/16"), Cidr("127.0.0.0/8"), Cidr("169.254.0.0/16"),
        Cidr("100.64.0.0/10"), Cidr("fc00::/7"), Cidr("fe80::/10"), Cidr("::1/128"),
    ];

    public static bool IsExternal(NetAddress address, ZoneMap zones)
    {
        if (zones.Find(address, 0) is not null)
        {
            return false;
        }

        foreach (var s in Internal)
        {
            if (s.Contains(address))
            {
                return false;
            }
        }

        return true;
    }

    private static Subnet Cidr(string text) => Subnet.TryParse(text, out var s) ? s : throw new ArgumentException(text);
}
