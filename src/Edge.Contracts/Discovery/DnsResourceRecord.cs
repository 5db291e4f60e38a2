using System.Net;
using System.Net.Sockets;

namespace Edge.Contracts.Discovery;

/// <summary>
/// One resource record (RFC 1035 4.1.3) with the data of the types DNS-SD uses decoded: PTR and SRV
/// (<see cref="Target"/>), SRV's priority, weight and port, TXT's strings, A/AAAA's address. Other types keep only
/// their data length. Built by the parser, or by the factories below for the writer.
/// </summary>
public sealed class DnsResourceRecord
{
    public required string Name { get; init; }

    public required ushort RawType { get; init; }

    public DnsRecordType Type => ToType(RawType);

    /// <summary>Class with the cache-flush bit (RFC 6762 10.2) as sent.</summary>
    public ushort RawClass { get; init; } = MdnsLimits.ClassIn;

    public ushort Class => (ushort)(RawClass & ~MdnsLimits.CacheFlushBit);

    public bool CacheFlush => (RawClass & MdnsLimits.CacheFlushBit) != 0;

    public uint Ttl { get; init; }

    /// <summary>PTR: the name pointed to (a service instance); SRV: the target host.</summary>
    public string? Target { get; init; }

    public ushort Priority { get; init; }

    public ushort Weight { get; init; }

    /// <summary>SRV: the service's port.</summary>
    public ushort Port { get; init; }

    /// <summary>TXT: the character-strings, UTF-8 decoded (RFC 6763 6.5 keys are ASCII).</summary>
    public IReadOnlyList<string> TxtStrings { get; init; } = [];

    /// <summary>A or AAAA: the address.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>RDLENGTH as read (0 for records built to be written).</summary>
    public int DataLength { get; init; }

    /// <summary>
    /// Value of TXT attribute <paramref name="key"/> (RFC 6763 6.4: keys compare case-insensitively, the first
    /// occurrence wins; a key without <c>=</c> is a boolean attribute, value null). False when the key is absent.
    /// </summary>
    public bool TryGetTxtValue(string key, out string? value)
    {
        foreach (string s in TxtStrings)
        {
            int eq = s.IndexOf('=', StringComparison.Ordinal);
            ReadOnlySpan<char> k = eq < 0 ? s : s.AsSpan(0, eq);
            if (k.Length > 0 && k.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                value = eq < 0 ? null : s[(eq + 1)..];
                return true;
            }
        }

        value = null;
        return false;
    }

    public static DnsResourceRecord Ptr(string name, string target, uint ttl = MdnsLimits.OtherRecordTtl) =>
        new() { Name = name, RawType = (ushort)DnsRecordType.Ptr, Ttl = ttl, Target = target };

    /// <summary>SRV record; unique to its owner, so the cache-flush bit is set (RFC 6762 10.2).</summary>
    public static DnsResourceRecord Srv(string name, string host, ushort port, uint ttl = MdnsLimits.HostRecordTtl) =>
        new() { Name = name, RawType = (ushort)DnsRecordType.Srv, RawClass = MdnsLimits.ClassIn | MdnsLimits.CacheFlushBit, Ttl = ttl, Target = host, Port = port };

    public static DnsResourceRecord Txt(string name, IReadOnlyList<string> strings, uint ttl = MdnsLimits.OtherRecordTtl) =>
        new() { Name = name, RawType = (ushort)DnsRecordType.Txt, RawClass = MdnsLimits.ClassIn | MdnsLimits.CacheFlushBit, Ttl = ttl, TxtStrings = strings };

    /// <summary>A (IPv4) or AAAA (IPv6) record for <paramref name="address"/>, cache-flush set.</summary>
    public static DnsResourceRecord ForAddress(string name, IPAddress address, uint ttl = MdnsLimits.HostRecordTtl) =>
        new()
        {
            Name = name,
            RawType = (ushort)(address.AddressFamily == AddressFamily.InterNetworkV6 ? DnsRecordType.Aaaa : DnsRecordType.A),
            RawClass = MdnsLimits.ClassIn | MdnsLimits.CacheFlushBit,
            Ttl = ttl,
            Address = address,
        };

    internal static DnsRecordType ToType(ushort raw) => raw switch
    {
        (ushort)DnsRecordType.A => DnsRecordType.A,
        (ushort)DnsRecordType.Ptr => DnsRecordType.Ptr,
        (ushort)DnsRecordType.Txt => DnsRecordType.Txt,
        (ushort)DnsRecordType.Aaaa => DnsRecordType.Aaaa,
        (ushort)DnsRecordType.Srv => DnsRecordType.Srv,
        (ushort)DnsRecordType.Nsec => DnsRecordType.Nsec,
        (ushort)DnsRecordType.Any => DnsRecordType.Any,
        _ => DnsRecordType.Unknown,
    };
}
