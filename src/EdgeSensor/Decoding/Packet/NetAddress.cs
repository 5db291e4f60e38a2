using System.Buffers.Binary;
using System.Net;

namespace EdgeSensor.Decoding.Packet;

/// <summary>
/// An IPv4 or IPv6 address as two integers, so state tables can key on it without allocating.
/// IPv4 is stored IPv4-mapped (::ffff:a.b.c.d), as RFC 4291 section 2.5.5.2 does.
/// </summary>
public readonly struct NetAddress : IEquatable<NetAddress>, IComparable<NetAddress>
{
    private const ulong V4MappedPrefix = 0x0000_FFFF_0000_0000UL;

    public NetAddress(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    public ulong High { get; }

    public ulong Low { get; }

    public bool IsIPv4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000UL) == V4MappedPrefix;

    /// <summary>The IPv4 address as a big-endian-ordered integer (a.b.c.d = a&lt;&lt;24 | ...); only meaningful when <see cref="IsIPv4"/>.</summary>
    public uint V4 => (uint)Low;

    public static NetAddress FromIPv4(uint addressNetworkOrderValue) => new(0, V4MappedPrefix | addressNetworkOrderValue);

    /// <summary>Reads 4 bytes (network order). The caller guarantees the length.</summary>
    public static NetAddress ReadIPv4(ReadOnlySpan<byte> four) => FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(four));

    /// <summary>Reads 16 bytes (network order). The caller guarantees the length.</summary>
    public static NetAddress ReadIPv6(ReadOnlySpan<byte> sixteen) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteen), BinaryPrimitives.ReadUInt64BigEndian(sixteen[8..]));

    public static NetAddress Parse(string text)
    {
        var ip = IPAddress.Parse(text);
        Span<byte> b = stackalloc byte[16];
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            ip.TryWriteBytes(b, out _);
            return ReadIPv4(b);
        }

        ip.TryWriteBytes(b, out _);
        return ReadIPv6(b);
    }

    public bool Equals(NetAddress other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is NetAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(High, Low);

    public int CompareTo(NetAddress other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    public static bool operator ==(NetAddress left, NetAddress right) => left.Equals(right);

    public static bool operator !=(NetAddress left, NetAddress right) => !left.Equals(right);

    public static bool operator <(NetAddress left, NetAddress right) => left.CompareTo(right) < 0;

    public static bool operator >(NetAddress left, NetAddress right) => left.CompareTo(right) > 0;

    public static bool operator <=(NetAddress left, NetAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >=(NetAddress left, NetAddress right) => left.CompareTo(right) >= 0;

    /// <summary>Dotted quad for IPv4, RFC 5952 text for IPv6 (as tshark prints them). Not for the hot path.</summary>
    public override string ToString()
    {
        if (IsIPv4)
        {
            uint v = V4;
            return $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}";
        }

        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(b, High);
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], Low);
        return new IPAddress(b).ToString();
    }
}
