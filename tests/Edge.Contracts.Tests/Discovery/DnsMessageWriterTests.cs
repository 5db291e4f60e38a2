using System.Net;
using Edge.Contracts.Discovery;
using static Edge.Contracts.Tests.Discovery.DnsFixtures;

namespace Edge.Contracts.Tests.Discovery;

public class DnsMessageWriterTests
{
    [Fact]
    public void The_PTR_query_is_byte_for_byte_the_fixture()
    {
        byte[] buffer = new byte[512];
        Assert.True(DnsMessageWriter.TryWriteQuery(buffer, 0x1234, DnsQuestion.Create(ProvisioningDiscovery.ServiceType, DnsRecordType.Ptr, unicastResponse: true), out int n));
        Assert.Equal(PtrQueryQu, buffer[..n]);
    }

    [Fact]
    public void A_response_round_trips_through_the_parser()
    {
        string instance = DnsName.Join("Edge Collector plant.1", ProvisioningDiscovery.ServiceType);
        DnsResourceRecord[] answers = [DnsResourceRecord.Ptr(ProvisioningDiscovery.ServiceType, instance)];
        DnsResourceRecord[] additionals =
        [
            DnsResourceRecord.Srv(instance, "box.local", 8883),
            DnsResourceRecord.Txt(instance, ["v=1", "fp=" + Fingerprint]),
            DnsResourceRecord.ForAddress("box.local", IPAddress.Parse("10.1.2.3")),
            DnsResourceRecord.ForAddress("box.local", IPAddress.Parse("fd00::1")),
        ];
        byte[] buffer = new byte[MdnsLimits.MaxMessageLength];
        Assert.True(DnsMessageWriter.TryWriteResponse(buffer, 0, [], answers, additionals, out int n));

        Assert.Equal(DnsParseStatus.Ok, DnsMessageParser.TryParse(buffer.AsSpan(0, n), out DnsMessage? m, out _));
        Assert.Equal(MdnsLimits.FlagResponse | MdnsLimits.FlagAuthoritative, m!.Flags);
        Assert.Equal(instance, m.Answers[0].Target);
        Assert.Equal("Edge Collector plant.1", DnsName.FirstLabel(m.Answers[0].Target!));
        Assert.Equal((8883, "box.local", true), (m.Additionals[0].Port, m.Additionals[0].Target, m.Additionals[0].CacheFlush));
        Assert.Equal(["v=1", "fp=" + Fingerprint], m.Additionals[1].TxtStrings);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), m.Additionals[2].Address);
        Assert.Equal((DnsRecordType.Aaaa, IPAddress.Parse("fd00::1")), (m.Additionals[3].Type, m.Additionals[3].Address));
    }

    [Theory]
    [InlineData("")]                        // the root: one zero octet
    [InlineData("local.")]                  // trailing dot
    public void Valid_names(string name) => Assert.True(DnsName.IsValid(name));

    [Theory]
    [InlineData("a..local")]                // empty label
    [InlineData(".local")]
    public void Invalid_names(string name) => Assert.False(DnsName.IsValid(name));

    [Fact]
    public void A_64_octet_label_or_a_256_octet_name_does_not_encode()
    {
        Assert.False(DnsName.IsValid(new string('a', 64) + ".local"));
        Assert.True(DnsName.IsValid(new string('a', 63) + ".local"));
        Assert.False(DnsName.IsValid(string.Join('.', Enumerable.Repeat(new string('a', 63), 4))));
        Assert.False(DnsName.IsValid(new string('é', 32))); // 64 octets of UTF-8
    }

    [Fact]
    public void A_too_small_buffer_is_refused_not_overrun()
    {
        var q = DnsQuestion.Create(ProvisioningDiscovery.ServiceType, DnsRecordType.Ptr);
        for (int size = 0; size < PtrQueryQu.Length; size++)
        {
            Assert.False(DnsMessageWriter.TryWriteQuery(new byte[size], 1, q, out _));
        }
    }

    [Fact]
    public void A_TXT_string_over_255_octets_is_refused() =>
        Assert.False(DnsMessageWriter.TryWriteResponse(new byte[2000], 0, [], [DnsResourceRecord.Txt("a.local", [new string('x', 256)])], [], out _));

    [Fact]
    public void Fingerprints_are_64_hex_digits()
    {
        Assert.True(ProvisioningDiscovery.IsFingerprint(Fingerprint));
        Assert.True(ProvisioningDiscovery.IsFingerprint(Fingerprint.ToUpperInvariant()));
        Assert.False(ProvisioningDiscovery.IsFingerprint(Fingerprint[1..]));
        Assert.False(ProvisioningDiscovery.IsFingerprint(Fingerprint[1..] + "g"));
        Assert.False(ProvisioningDiscovery.IsFingerprint(null));
    }
}
