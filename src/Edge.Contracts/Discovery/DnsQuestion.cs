namespace Edge.Contracts.Discovery;

/// <summary>
/// One question (RFC 1035 4.1.2): name, type, class. In mDNS the class's top bit asks for a unicast response
/// ("QU", RFC 6762 5.4); the raw type and class are kept as sent.
/// </summary>
public readonly record struct DnsQuestion(string Name, ushort RawType, ushort RawClass)
{
    public DnsRecordType Type => DnsResourceRecord.ToType(RawType);

    public ushort Class => (ushort)(RawClass & ~MdnsLimits.UnicastResponseBit);

    public bool UnicastResponse => (RawClass & MdnsLimits.UnicastResponseBit) != 0;

    public static DnsQuestion Create(string name, DnsRecordType type, bool unicastResponse = false) =>
        new(name, (ushort)type, (ushort)(MdnsLimits.ClassIn | (unicastResponse ? MdnsLimits.UnicastResponseBit : 0)));
}
