using System.Net;

namespace Collector.Tests.Infrastructure;

/// <summary>One side of a TCP conversation: MAC, IPv4 address, port.</summary>
internal sealed record TcpEndpoint(byte[] Mac, IPAddress Address, ushort Port)
{
    /// <summary>A locally administered MAC derived from the address (02:ed:a.b.c.d), so each host keeps one MAC.</summary>
    public static TcpEndpoint Of(string address, ushort port)
    {
        IPAddress ip = IPAddress.Parse(address);
        byte[] b = ip.GetAddressBytes();
        return new TcpEndpoint([0x02, 0xed, b[0], b[1], b[2], b[3]], ip, port);
    }
}
