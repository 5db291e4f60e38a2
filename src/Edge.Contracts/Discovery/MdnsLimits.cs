using System.Net;

namespace Edge.Contracts.Discovery;

/// <summary>Limits and well-known values of DNS (RFC 1035), multicast DNS (RFC 6762) and DNS-SD (RFC 6763).</summary>
public static class MdnsLimits
{
    /// <summary>mDNS UDP port (RFC 6762 3).</summary>
    public const int Port = 5353;

    /// <summary>IPv4 link-local multicast group (RFC 6762 3).</summary>
    public static readonly IPAddress GroupV4 = new([224, 0, 0, 251]);

    /// <summary>IPv6 link-local multicast group (RFC 6762 3).</summary>
    public static readonly IPAddress GroupV6 = IPAddress.Parse("ff02::fb");

    /// <summary>Fixed header: id, flags, four counts (RFC 1035 4.1.1).</summary>
    public const int HeaderLength = 12;

    /// <summary>Longest label (RFC 1035 2.3.4).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Longest name in wire form, length octets and the root label included (RFC 1035 2.3.4).</summary>
    public const int MaxNameLength = 255;

    /// <summary>
    /// Most compression pointers followed in one name. Each pointer must also go strictly backwards (RFC 1035 4.1.4:
    /// "a pointer to a prior occurrence"), which alone ends every chain; this cap bounds the work per name.
    /// A 255-octet name has at most 127 labels, so no legitimate name needs more pointers.
    /// </summary>
    public const int MaxPointerHops = 127;

    /// <summary>Largest mDNS message (RFC 6762 17: 9000 bytes, jumbo frames included).</summary>
    public const int MaxMessageLength = 9000;

    /// <summary>Most questions and records kept from one message; more is <see cref="DnsMalformedReason.TooManyEntries"/>.</summary>
    public const int MaxEntries = 256;

    /// <summary>Longest character-string of a TXT record (RFC 1035 3.3.14: one length octet).</summary>
    public const int MaxTxtStringLength = 255;

    /// <summary>Top bit of a question's class: unicast response requested, "QU" (RFC 6762 5.4).</summary>
    public const ushort UnicastResponseBit = 0x8000;

    /// <summary>Top bit of a record's class: cache flush, unique record (RFC 6762 10.2).</summary>
    public const ushort CacheFlushBit = 0x8000;

    /// <summary>Class IN (RFC 1035 3.2.4).</summary>
    public const ushort ClassIn = 1;

    /// <summary>Header flags: QR, response (RFC 1035 4.1.1).</summary>
    public const ushort FlagResponse = 0x8000;

    /// <summary>Header flags: AA, authoritative; every mDNS response sets it (RFC 6762 18.4).</summary>
    public const ushort FlagAuthoritative = 0x0400;

    /// <summary>Header flags: TC, truncated (RFC 6762 18.5: more known answers follow in a query).</summary>
    public const ushort FlagTruncated = 0x0200;

    /// <summary>TTL of records naming a host (A, AAAA, SRV): 120 s (RFC 6762 10).</summary>
    public const uint HostRecordTtl = 120;

    /// <summary>TTL of other records (PTR, TXT): 75 minutes (RFC 6762 10).</summary>
    public const uint OtherRecordTtl = 4500;

    /// <summary>Most TTL in a legacy unicast response (source port not 5353): 10 s (RFC 6762 6.7).</summary>
    public const uint LegacyUnicastMaxTtl = 10;
}
