using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace EdgeSensor.Provisioning.Discovery;

/// <summary>
/// The interface discovery may send on: named, or the one holding the IPv4 default route. It must be up (or of
/// unknown state, as many virtual links report), multicast-capable, not loopback, and hold an IPv4 address. The tap
/// port has no address (the sensor refuses an addressed capture interface), so it can never be chosen.
/// </summary>
internal sealed record UplinkInterface(string Name, int Index, IPAddress Address, IPAddress Mask)
{
    /// <summary>The routing table of the calling thread's network namespace (falls back to the process's).</summary>
    private static readonly string[] RouteTables = ["/proc/thread-self/net/route", "/proc/net/route"];

    /// <summary>True when <paramref name="source"/> is on this interface's IPv4 subnet.</summary>
    public bool OnLink(IPAddress source)
    {
        if (source.IsIPv4MappedToIPv6)
        {
            source = source.MapToIPv4();
        }

        if (source.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[4], m = stackalloc byte[4], s = stackalloc byte[4];
        Address.TryWriteBytes(a, out _);
        Mask.TryWriteBytes(m, out _);
        source.TryWriteBytes(s, out _);
        for (int i = 0; i < 4; i++)
        {
            if ((a[i] & m[i]) != (s[i] & m[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static UplinkInterface? Resolve(string? name, out string problem)
    {
        problem = string.Empty;
        name ??= DefaultRouteInterface();
        if (name is null)
        {
            problem = "no interface named and no IPv4 default route";
            return null;
        }

        NetworkInterface? nic = Array.Find(NetworkInterface.GetAllNetworkInterfaces(), n => n.Name == name);
        if (nic is null)
        {
            problem = $"interface {name} not found";
            return null;
        }

        if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback || !nic.SupportsMulticast
            || nic.OperationalStatus is not (OperationalStatus.Up or OperationalStatus.Unknown))
        {
            problem = $"interface {name} is loopback, down or not multicast-capable";
            return null;
        }

        IPInterfaceProperties properties = nic.GetIPProperties();
        foreach (UnicastIPAddressInformation u in properties.UnicastAddresses)
        {
            if (u.Address.AddressFamily == AddressFamily.InterNetwork)
            {
                int index = properties.GetIPv4Properties()?.Index ?? 0;
                return new UplinkInterface(name, index, u.Address, u.IPv4Mask);
            }
        }

        problem = $"interface {name} has no IPv4 address";
        return null;
    }

    /// <summary>
    /// The interface of the IPv4 default route with the lowest metric, from the kernel's table
    /// (columns: Iface Destination Gateway Flags RefCnt Use Metric Mask ...; hex, host byte order).
    /// </summary>
    internal static string? DefaultRouteInterface()
    {
        foreach (string table in RouteTables)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(table);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            return DefaultRouteInterface(lines);
        }

        return null;
    }

    internal static string? DefaultRouteInterface(IEnumerable<string> lines)
    {
        const int RtfUp = 0x1;
        string? best = null;
        long bestMetric = long.MaxValue;
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8
                || !int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int flags)
                || !long.TryParse(f[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out long metric))
            {
                continue;
            }

            if (f[1] == "00000000" && f[7] == "00000000" && (flags & RtfUp) != 0 && metric < bestMetric)
            {
                best = f[0];
                bestMetric = metric;
            }
        }

        return best;
    }
}
