using System.Net;
using Edge.Contracts.Discovery;

namespace Collector.Provisioning.Discovery;

/// <summary>How an answer goes back (RFC 6762 5.4, 6, 6.7).</summary>
internal enum MdnsReplyKind : byte
{
    /// <summary>Nothing of ours was asked, or the querier already knows the answer.</summary>
    None = 0,

    /// <summary>To 224.0.0.251:5353 on the query's interface.</summary>
    Multicast = 1,

    /// <summary>To the querier's address and port 5353: it set the QU bit.</summary>
    Unicast = 2,

    /// <summary>To the querier's address and port, id and questions echoed, TTL at most 10 s, no cache-flush bit.</summary>
    LegacyUnicast = 3,
}

/// <summary>
/// The records the collector owns and which of them answer a query: <c>_edge-prov._tcp.local PTR instance</c>,
/// <c>instance SRV 0 0 port host</c>, <c>instance TXT v=1 fp=...</c>, <c>host A address</c> (the addresses of the
/// interface the query came in on, RFC 6762 6.2). A PTR (or ANY) question for the service type gets the PTR as answer
/// and SRV, TXT and A as additional records (RFC 6763 12.1); SRV, TXT and A questions for our names get that record.
/// </summary>
internal sealed class MdnsAnswerer(string serviceType, string instanceLabel, string hostName, ushort port)
{
    public string ServiceType { get; } = serviceType;

    public string InstanceName { get; } = DnsName.Join(instanceLabel, serviceType);

    public string HostName { get; } = hostName;

    /// <summary>Writes the answer to <paramref name="query"/> into <paramref name="destination"/>; <see cref="MdnsReplyKind.None"/> when there is none.</summary>
    public MdnsReplyKind TryAnswer(DnsMessage query, int sourcePort, IReadOnlyList<IPAddress> addresses, string? fingerprint,
        Span<byte> destination, out int written)
    {
        written = 0;
        var answers = new List<DnsResourceRecord>();
        var questions = new List<DnsQuestion>();
        bool unicast = true;
        foreach (DnsQuestion q in query.Questions)
        {
            if (q.Class != MdnsLimits.ClassIn && q.Class != 255)
            {
                continue;
            }

            int before = answers.Count;
            bool any = q.Type == DnsRecordType.Any;
            if (DnsName.EqualsIgnoreCase(q.Name, ServiceType) && (any || q.Type == DnsRecordType.Ptr))
            {
                answers.Add(Ptr());
            }
            else if (DnsName.EqualsIgnoreCase(q.Name, InstanceName))
            {
                if (any || q.Type == DnsRecordType.Srv)
                {
                    answers.Add(Srv());
                }

                if (any || q.Type == DnsRecordType.Txt)
                {
                    answers.Add(Txt(fingerprint));
                }
            }
            else if (DnsName.EqualsIgnoreCase(q.Name, HostName) && (any || q.Type == DnsRecordType.A))
            {
                answers.AddRange(Addresses(addresses));
            }

            if (answers.Count > before)
            {
                questions.Add(q);
                unicast &= q.UnicastResponse;
            }
        }

        // Known-answer suppression (RFC 6762 7.1): the querier lists what it knows with more than half the TTL left.
        answers.RemoveAll(a => query.Answers.Any(k => k.Type == a.Type && DnsName.EqualsIgnoreCase(k.Name, a.Name)
            && DnsName.EqualsIgnoreCase(k.Target, a.Target) && k.Ttl >= a.Ttl / 2));
        if (answers.Count == 0)
        {
            return MdnsReplyKind.None;
        }

        var additionals = new List<DnsResourceRecord>();
        if (answers.Exists(a => a.Type == DnsRecordType.Ptr))
        {
            additionals.Add(Srv());
            additionals.Add(Txt(fingerprint));
        }

        // RFC 6763 12.1 and 12.2: a PTR answer brings SRV and TXT; an SRV (answer or additional) brings the host's addresses.
        if (answers.Exists(a => a.Type == DnsRecordType.Srv) || additionals.Exists(a => a.Type == DnsRecordType.Srv))
        {
            additionals.AddRange(Addresses(addresses));
        }

        additionals.RemoveAll(x => answers.Exists(a => a.Type == x.Type && DnsName.EqualsIgnoreCase(a.Name, x.Name)));
        if (sourcePort != MdnsLimits.Port)
        {
            // Legacy unicast (RFC 6762 6.7): id and question echoed, TTL at most 10 s, cache-flush bit clear.
            return DnsMessageWriter.TryWriteResponse(destination, query.Id, questions, Legacy(answers), Legacy(additionals), out written)
                ? MdnsReplyKind.LegacyUnicast
                : MdnsReplyKind.None;
        }

        // mDNS responses carry id 0 and no questions (RFC 6762 18.1, 6).
        return DnsMessageWriter.TryWriteResponse(destination, 0, [], answers, additionals, out written)
            ? (unicast ? MdnsReplyKind.Unicast : MdnsReplyKind.Multicast)
            : MdnsReplyKind.None;
    }

    private DnsResourceRecord Ptr() => DnsResourceRecord.Ptr(ServiceType, InstanceName);

    private DnsResourceRecord Srv() => DnsResourceRecord.Srv(InstanceName, HostName, port);

    private DnsResourceRecord Txt(string? fingerprint) => DnsResourceRecord.Txt(InstanceName, ProvisioningDiscovery.IsFingerprint(fingerprint)
        ? [$"{ProvisioningDiscovery.TxtVersionKey}={ProvisioningDiscovery.TxtVersion}", $"{ProvisioningDiscovery.TxtFingerprintKey}={fingerprint!.ToLowerInvariant()}"]
        : [$"{ProvisioningDiscovery.TxtVersionKey}={ProvisioningDiscovery.TxtVersion}"]);

    private IEnumerable<DnsResourceRecord> Addresses(IReadOnlyList<IPAddress> addresses) =>
        addresses.Select(a => DnsResourceRecord.ForAddress(HostName, a));

    private static List<DnsResourceRecord> Legacy(List<DnsResourceRecord> records) => records.ConvertAll(r => new DnsResourceRecord
    {
        Name = r.Name, RawType = r.RawType, RawClass = r.Class, Ttl = Math.Min(r.Ttl, MdnsLimits.LegacyUnicastMaxTtl), Target = r.Target,
        Priority = r.Priority, Weight = r.Weight, Port = r.Port, TxtStrings = r.TxtStrings, Address = r.Address,
    });
}
