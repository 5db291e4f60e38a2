using System.Net;
using System.Net.Sockets;
using Edge.Contracts.Discovery;

namespace EdgeSensor.Provisioning.Discovery;

/// <summary>
/// Reads an endpoint out of one DNS-SD response: PTR (service type to instance), then the instance's SRV (host, port)
/// and TXT (v, fp), then the SRV target's A record (AAAA when no A). The records may sit in the answer or the
/// additional section (RFC 6763 12.1). Instances are tried in the order of their PTR records; the first usable wins.
/// </summary>
internal static class DnsSdAnswer
{
    public static DiscoveredEndpoint? Find(DnsMessage message, string serviceType, IPAddress from, UplinkInterface uplink)
    {
        foreach (DnsResourceRecord ptr in message.AnswersAndAdditionals)
        {
            if (ptr.Type != DnsRecordType.Ptr || ptr.Ttl == 0 || ptr.Target is null || !DnsName.EqualsIgnoreCase(ptr.Name, serviceType))
            {
                continue;
            }

            DnsResourceRecord? srv = Record(message, ptr.Target, DnsRecordType.Srv);
            if (srv?.Target is null || srv.Port == 0 || srv.Ttl == 0)
            {
                continue;
            }

            string? fingerprint = null;
            if (Record(message, ptr.Target, DnsRecordType.Txt) is { } txt)
            {
                // RFC 6763 6.7: a version this code does not know means attributes it cannot read: skip the instance.
                if (txt.TryGetTxtValue(ProvisioningDiscovery.TxtVersionKey, out string? version) && version != ProvisioningDiscovery.TxtVersion)
                {
                    continue;
                }

                if (txt.TryGetTxtValue(ProvisioningDiscovery.TxtFingerprintKey, out string? fp) && ProvisioningDiscovery.IsFingerprint(fp))
                {
                    fingerprint = fp!.ToLowerInvariant();
                }
            }

            string host = Address(message, srv.Target, uplink)?.ToString() ?? srv.Target;
            return new DiscoveredEndpoint(host, srv.Port, DnsName.FirstLabel(ptr.Target), fingerprint, srv.Target, from);
        }

        return null;
    }

    private static DnsResourceRecord? Record(DnsMessage message, string name, DnsRecordType type)
    {
        foreach (DnsResourceRecord r in message.AnswersAndAdditionals)
        {
            if (r.Type == type && r.Ttl != 0 && DnsName.EqualsIgnoreCase(r.Name, name))
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>An IPv4 address on the uplink's subnet first, then any IPv4, then IPv6 (link-local needs a scope, which an address text lacks, so last).</summary>
    private static IPAddress? Address(DnsMessage message, string host, UplinkInterface uplink)
    {
        IPAddress? any4 = null, any6 = null;
        foreach (DnsResourceRecord r in message.AnswersAndAdditionals)
        {
            if (r.Address is null || r.Ttl == 0 || !DnsName.EqualsIgnoreCase(r.Name, host))
            {
                continue;
            }

            if (r.Address.AddressFamily == AddressFamily.InterNetwork)
            {
                if (uplink.OnLink(r.Address))
                {
                    return r.Address;
                }

                any4 ??= r.Address;
            }
            else if (!r.Address.IsIPv6LinkLocal)
            {
                any6 ??= r.Address;
            }
        }

        return any4 ?? any6;
    }
}
