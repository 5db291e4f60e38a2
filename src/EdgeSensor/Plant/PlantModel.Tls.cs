using System.Security.Cryptography;
using System.Text;
using EdgeSensor.Decoding.Rdp;
using EdgeSensor.Decoding.Tls;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant;

public sealed partial class PlantModel
{
    /// <summary>Distinct certificates inspected (subject, issuer, self-signed check) and remembered by fingerprint.</summary>
    public const int MaxCertificates = 4096;

    private const int MaxCertificatesPerDevice = 8;

    private readonly Dictionary<CertificateKey, TlsCertificateFacts?> _certificates = new(256);

    public void OnTlsClientHello(in PduContext context, in TlsClientHello hello)
    {
        if (!Devices.TryFind(context.Source, out int client))
        {
            return;
        }

        ref Device d = ref Devices[client];
        d.TlsClientHellos++;
        Events?.OnTlsClientHello(this, client, context.Destination, context.DestinationPort, hello.HasServerName);
        if (!hello.HasServerName)
        {
            d.TlsClientHellosWithoutSni++;
            return;
        }

        RememberName(Devices.Profile(client).ServerNames, hello.ServerName);
    }

    public void OnTlsCertificate(in PduContext context, ReadOnlySpan<byte> leafDer, int chainLength)
    {
        if (!Devices.TryFind(context.Source, out int server))
        {
            return;
        }

        Devices[server].TlsCertificatesServed++;
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(leafDer, digest);
        var key = CertificateKey.From(digest);
        if (!_certificates.TryGetValue(key, out var facts))
        {
            if (_certificates.Count >= MaxCertificates)
            {
                return;
            }

            // A certificate not seen before: parse its names and check its signature (allocates; once per certificate).
            facts = TlsCertificateInspector.Inspect(leafDer);
            _certificates.Add(key, facts);
        }

        if (facts is null)
        {
            return;
        }

        Events?.OnCertificate(this, server, context.Destination, facts);

        var list = Devices.Profile(server).Certificates;
        foreach (var known in list)
        {
            if (ReferenceEquals(known, facts))
            {
                return;
            }
        }

        if (list.Count < MaxCertificatesPerDevice)
        {
            list.Add(facts);
        }
    }

    public void OnRdpConnectionRequest(in PduContext context, in RdpConnectionRequest request)
    {
        if (!request.IsRdp || !Devices.TryFind(context.Source, out int client))
        {
            return;
        }

        Devices[client].RdpRequestsSent++;
        Events?.OnRdpRequest(this, client, context.Destination, in request);
        if (Devices.TryFind(context.Destination, out int server))
        {
            Devices[server].RdpRequestsReceived++;
        }

        var profile = Devices.Profile(client);
        if (request.HasNegotiationRequest)
        {
            profile.RdpRequestedProtocols |= (uint)request.RequestedProtocols;
            profile.RdpStandardSecurityRequested |= request.RequestedProtocols == RdpProtocols.Rdp;
            profile.RdpRestrictedAdmin |= request.RestrictedAdminModeRequired;
        }
        else
        {
            profile.RdpStandardSecurityRequested = true;
        }

        if (!request.UserName.IsEmpty)
        {
            RememberName(profile.RdpUserNames, request.UserName);
        }
    }

    /// <summary>Adds a name from the wire to a bounded set, allocating only for a name not in it yet.</summary>
    private static void RememberName(HashSet<string> names, ReadOnlySpan<byte> raw)
    {
        if (names.Count >= DeviceProfile.MaxNames || raw.Length > 255)
        {
            return;
        }

        Span<char> chars = stackalloc char[raw.Length];
        int n = Encoding.Latin1.GetChars(raw, chars);
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.Contains(chars[..n]))
        {
            lookup.Add(chars[..n]);
        }
    }

    /// <summary>A SHA-256 fingerprint as four integers, a dictionary key without allocation.</summary>
    private readonly record struct CertificateKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static CertificateKey From(ReadOnlySpan<byte> digest) => new(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));
    }
}
