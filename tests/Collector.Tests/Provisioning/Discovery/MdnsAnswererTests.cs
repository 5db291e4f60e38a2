using System.Net;
using Collector.Provisioning.Discovery;
using Edge.Contracts.Discovery;

namespace Collector.Tests.Provisioning.Discovery;

/// <summary>Which records answer which query, and how the answer goes back (RFC 6762 5.4, 6.7, 7.1; RFC 6763 12).</summary>
public class MdnsAnswererTests
{
    private const string Fp = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static readonly MdnsAnswerer Answerer = new(ProvisioningDiscovery.ServiceType, "Edge Collector", "box.local", 8883);
    private static readonly IPAddress[] Addresses = [IPAddress.Parse("10.0.0.1")];

    private static (MdnsReplyKind Kind, DnsMessage? Reply) Ask(DnsQuestion question, int sourcePort, string? fp = Fp, params DnsResourceRecord[] known)
    {
        byte[] query = new byte[1000];
        Assert.True(DnsMessageWriter.TryWrite(query, 7, 0, [question], known, [], out int n));
        Assert.Equal(DnsParseStatus.Ok, DnsMessageParser.TryParse(query.AsSpan(0, n), out DnsMessage? parsed, out _));
        byte[] reply = new byte[MdnsLimits.MaxMessageLength];
        MdnsReplyKind kind = Answerer.TryAnswer(parsed!, sourcePort, Addresses, fp, reply, out int length);
        if (kind == MdnsReplyKind.None)
        {
            return (kind, null);
        }

        Assert.Equal(DnsParseStatus.Ok, DnsMessageParser.TryParse(reply.AsSpan(0, length), out DnsMessage? answer, out _));
        return (kind, answer);
    }

    [Fact]
    public void A_one_shot_query_gets_a_legacy_unicast_answer_with_everything()
    {
        var (kind, m) = Ask(DnsQuestion.Create(ProvisioningDiscovery.ServiceType, DnsRecordType.Ptr, unicastResponse: true), 40000);
        Assert.Equal(MdnsReplyKind.LegacyUnicast, kind);
        Assert.Equal(7, m!.Id);
        Assert.Single(m.Questions);
        Assert.Equal("Edge Collector._edge-prov._tcp.local", Assert.Single(m.Answers).Target);
        Assert.Equal([DnsRecordType.Srv, DnsRecordType.Txt, DnsRecordType.A], m.Additionals.Select(r => r.Type));
        Assert.All(m.AnswersAndAdditionals, r => Assert.True(r.Ttl <= MdnsLimits.LegacyUnicastMaxTtl && !r.CacheFlush));
        Assert.True(m.Additionals[1].TryGetTxtValue("fp", out string? fp));
        Assert.Equal(Fp, fp);
    }

    [Fact]
    public void From_port_5353_QU_means_unicast_and_QM_multicast_with_id_0_and_no_question()
    {
        var (qu, m) = Ask(DnsQuestion.Create(ProvisioningDiscovery.ServiceType, DnsRecordType.Ptr, unicastResponse: true), MdnsLimits.Port);
        Assert.Equal(MdnsReplyKind.Unicast, qu);
        Assert.Equal(0, m!.Id);
        Assert.Empty(m.Questions);
        Assert.Equal(MdnsReplyKind.Multicast, Ask(DnsQuestion.Create(ProvisioningDiscovery.ServiceType, DnsRecordType.Ptr), MdnsLimits.Port).Kind);
    }

    [Fact]
    public void Without_a_fingerprint_the_TXT_has_only_the_version()
    {
        var (_, m) = Ask(DnsQuestion.Create(ProvisioningDiscovery.ServiceType, DnsRecordType.Ptr), 40000, fp: null);
        Assert.Equal(["v=1"], m!.Additionals[1].TxtStrings);
    }

    [Fact]
    public void Other_services_and_types_are_not_answered()
    {
        Assert.Equal(MdnsReplyKind.None, Ask(DnsQuestion.Create("_http._tcp.local", DnsRecordType.Ptr), 40000).Kind);
        Assert.Equal(MdnsReplyKind.None, Ask(DnsQuestion.Create(ProvisioningDiscovery.ServiceType, DnsRecordType.Aaaa), 40000).Kind);
    }

    [Fact]
    public void SRV_and_A_questions_for_our_names_are_answered()
    {
        var (_, srv) = Ask(DnsQuestion.Create("edge collector._edge-prov._tcp.local", DnsRecordType.Srv), 40000);
        Assert.Equal((ushort)8883, Assert.Single(srv!.Answers).Port);
        Assert.Equal(DnsRecordType.A, Assert.Single(srv.Additionals).Type);
        var (_, a) = Ask(DnsQuestion.Create("BOX.local", DnsRecordType.A), 40000);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), Assert.Single(a!.Answers).Address);
    }

    [Fact]
    public void A_known_answer_with_more_than_half_its_TTL_suppresses_the_answer()
    {
        var question = DnsQuestion.Create(ProvisioningDiscovery.ServiceType, DnsRecordType.Ptr);
        var known = DnsResourceRecord.Ptr(ProvisioningDiscovery.ServiceType, "Edge Collector._edge-prov._tcp.local", 4000);
        Assert.Equal(MdnsReplyKind.None, Ask(question, MdnsLimits.Port, Fp, known).Kind);
        var stale = DnsResourceRecord.Ptr(ProvisioningDiscovery.ServiceType, "Edge Collector._edge-prov._tcp.local", 100);
        Assert.Equal(MdnsReplyKind.Multicast, Ask(question, MdnsLimits.Port, Fp, stale).Kind);
    }
}
