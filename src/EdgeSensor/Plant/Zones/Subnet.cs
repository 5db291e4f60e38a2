using System.Globalization;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Plant.Zones;

/// <summary>An IPv4 or IPv6 prefix (CIDR), matched against <see cref="NetAddress"/> without allocating.</summary>
public readonly record struct Subnet(NetAddress Network, int PrefixLength)
{
    public static bool TryParse(string text, out Subnet subnet)
    {
        subnet = default;
        int slash = text.IndexOf('/');
        string address = slash < 0 ? text : text[..slash];
        if (!System.Net.IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        bool v4 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        int max = v4 ? 32 : 128;
        int length = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > max))
        {
            return false;
        }

        var network = NetAddress.Parse(address);
        subnet = new Subnet(network, v4 ? length + 96 : length);
        return true;
    }

    public bool Contains(NetAddress address)
    {
        int bits = PrefixLength;
        if (bits == 0)
        {
            return true;
        }

        ulong highMask = bits >= 64 ? ulong.MaxValue : ~(ulong.MaxValue >> bits);
        ulong lowMask = bits <= 64 ? 0 : bits >= 128 ? ulong.MaxValue : ~(ulong.MaxValue >> (bits - 64));
        return (address.High & highMask) == (Network.High & highMask) && (address.Low & lowMask) == (Network.Low & lowMask);
    }
}
