using System.Net;
using Edge.Contracts.Discovery;
using static Edge.Contracts.Tests.Discovery.DnsFixtures;

namespace Edge.Contracts.Tests.Discovery;

public class DnsMessageParserValidTests
{
    private static DnsMessage ParseOk(byte[] bytes)
    {
        DnsParseStatus status = DnsMessageParser.TryParse(bytes, out DnsMessage? message, out DnsMalformedReason reason);
        Assert.Equal(DnsMalformedReason.None, reason);
        Assert.Equal(DnsParseStatus.Ok, status);
        return message!;
    }

    [Fact]
    public void The_browsers_query_has_one_PTR_question_with_QU()
    {
        DnsMessage m = ParseOk(PtrQueryQu);
        Assert.Equal(0x1234, m.Id);
        Assert.False(m.IsResponse);
        DnsQuestion q = Assert.Single(m.Questions);
        Assert.Equal(ProvisioningDiscovery.ServiceType, q.Name);
        Assert.Equal(DnsRecordType.Ptr, q.Type);
        Assert.Equal(MdnsLimits.ClassIn, q.Class);
        Assert.True(q.UnicastResponse);
    }

    [Fact]
    public void A_compressed_response_gives_PTR_SRV_TXT_and_A()
    {
        Assert.Equal(174, CompressedResponse.Length);
        DnsMessage m = ParseOk(CompressedResponse);
        Assert.True(m.IsResponse);
        DnsResourceRecord ptr = Assert.Single(m.Answers);
        Assert.Equal(DnsRecordType.Ptr, ptr.Type);
        Assert.Equal("c1._edge-prov._tcp.local", ptr.Target);
        Assert.Equal(4500u, ptr.Ttl);
        Assert.False(ptr.CacheFlush);

        Assert.Equal(3, m.Additionals.Count);
        DnsResourceRecord srv = m.Additionals[0];
        Assert.Equal((DnsRecordType.Srv, "c1._edge-prov._tcp.local", "box.local", (ushort)8883), (srv.Type, srv.Name, srv.Target, srv.Port));
        Assert.True(srv.CacheFlush);
        Assert.Equal(MdnsLimits.ClassIn, srv.Class);

        DnsResourceRecord txt = m.Additionals[1];
        Assert.Equal(["v=1", "fp=" + Fingerprint], txt.TxtStrings);
        Assert.True(txt.TryGetTxtValue("FP", out string? fp));
        Assert.Equal(Fingerprint, fp);
        Assert.False(txt.TryGetTxtValue("x", out _));

        DnsResourceRecord a = m.Additionals[2];
        Assert.Equal((DnsRecordType.A, "box.local", IPAddress.Parse("10.0.0.1")), (a.Type, a.Name, a.Address));
    }

    [Fact]
    public void Unknown_types_keep_their_raw_type_and_length()
    {
        // 0 header: response, AN 1 | 12 root name 00 | 13 type 0x0063 | IN | TTL 0 | RDLENGTH 3 | 3 bytes
        DnsMessage m = ParseOk(Hex("0000 8400 0000 0001 0000 0000 00 0063 0001 00000000 0003 aabbcc"));
        DnsResourceRecord r = Assert.Single(m.Answers);
        Assert.Equal((DnsRecordType.Unknown, (ushort)0x63, 3, string.Empty), (r.Type, r.RawType, r.DataLength, r.Name));
    }

    [Fact]
    public void Labels_with_dots_are_escaped_and_UTF8_is_decoded()
    {
        // 12 question name: "a.b" as ONE label (3 bytes), "été" (5 bytes UTF-8), root | type A | IN
        DnsMessage m = ParseOk(Concat(Hex("0000 0000 0001 0000 0000 0000 03 612e62 05 c3a974c3a9 00 0001 0001")));
        Assert.Equal("a\\.b.été", m.Questions[0].Name);
        Assert.Equal("a.b", DnsName.FirstLabel(m.Questions[0].Name));
    }

    [Fact]
    public void The_empty_TXT_record_is_one_zero_octet_and_has_no_strings()
    {
        // 12 root name | TXT | IN | TTL 1 | RDLENGTH 1 | 00
        DnsMessage m = ParseOk(Hex("0000 8400 0000 0001 0000 0000 00 0010 0001 00000001 0001 00"));
        Assert.Empty(m.Answers[0].TxtStrings);
    }

    [Fact]
    public void A_255_octet_name_is_the_longest_accepted()
    {
        // 63+1 three times (192) + 61+1 (62) + root (1) = 255 octets
        string name = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61));
        Assert.True(DnsMessageWriter.TryWriteQuery(new byte[600], 1, DnsQuestion.Create(name, DnsRecordType.A), out _));
        byte[] buffer = new byte[600];
        DnsMessageWriter.TryWriteQuery(buffer, 1, DnsQuestion.Create(name, DnsRecordType.A), out int n);
        Assert.Equal(name, ParseOk(buffer[..n]).Questions[0].Name);
    }
}
