using Edge.Contracts.Discovery;
using static Edge.Contracts.Tests.Discovery.DnsFixtures;

namespace Edge.Contracts.Tests.Discovery;

/// <summary>Hostile and broken messages: one fixture per reason; the entries before the violation stay.</summary>
public class DnsMessageParserMalformedTests
{
    private static DnsMessage? Malformed(byte[] bytes, DnsMalformedReason expected)
    {
        DnsParseStatus status = DnsMessageParser.TryParse(bytes, out DnsMessage? message, out DnsMalformedReason reason);
        Assert.Equal(expected, reason);
        Assert.Equal(DnsParseStatus.Malformed, status);
        return message;
    }

    [Fact]
    public void TruncatedHeader() => Assert.Null(Malformed(Hex("0000 8400 0000 0001 0000 00"), DnsMalformedReason.TruncatedHeader));

    [Fact]
    public void A_question_count_that_lies_ends_at_the_first_missing_name()
    {
        // QD 2 but one question: 12 PTR question (27 bytes) | nothing
        DnsMessage m = Malformed(Concat(Hex("0000 0000 0002 0000 0000 0000" + ServiceTypeName + "000c 0001")), DnsMalformedReason.TruncatedName)!;
        Assert.Equal(2, m.QuestionCount);
        Assert.Single(m.Questions);
    }

    [Fact]
    public void A_record_count_that_lies_keeps_the_records_before()
    {
        // The compressed response with AR 4 instead of 3
        byte[] bytes = (byte[])CompressedResponse.Clone();
        bytes[11] = 4;
        DnsMessage m = Malformed(bytes, DnsMalformedReason.TruncatedName)!;
        Assert.Equal(3, m.Additionals.Count);
    }

    [Fact]
    public void Counts_of_65535_are_refused_before_any_work() =>
        Malformed(Hex("0000 8400 ffff ffff ffff ffff"), DnsMalformedReason.TooManyEntries);

    [Fact]
    public void TruncatedQuestion() =>
        // 12 root name | type 0001 | class cut
        Malformed(Hex("0000 0000 0001 0000 0000 0000 00 0001 00"), DnsMalformedReason.TruncatedQuestion);

    [Fact]
    public void TruncatedRecord_RdlengthPastTheEnd() =>
        // 12 root name | A | IN | TTL | RDLENGTH 4 | 2 bytes
        Malformed(Hex("0000 8400 0000 0001 0000 0000 00 0001 0001 00000078 0004 0a00"), DnsMalformedReason.TruncatedRecord);

    [Fact]
    public void TruncatedName_LabelPastTheEnd() =>
        // 12 label of 10 with 3 bytes
        Malformed(Hex("0000 0000 0001 0000 0000 0000 0a 616263"), DnsMalformedReason.TruncatedName);

    [Fact]
    public void TruncatedName_HalfAPointer() => Malformed(Hex("0000 0000 0001 0000 0000 0000 c0"), DnsMalformedReason.TruncatedName);

    [Fact]
    public void CompressionLoop_PointerToItself() =>
        // 12 pointer to 12 (RFC 1035 4.1.4: a pointer names a PRIOR occurrence)
        Malformed(Hex("0000 0000 0001 0000 0000 0000 c00c 0001 0001"), DnsMalformedReason.CompressionLoop);

    [Fact]
    public void CompressionLoop_PointerBackIntoTheSameName() =>
        // 12 label "a" | 14 pointer to 12: a.a.a.a... forever
        Malformed(Hex("0000 0000 0001 0000 0000 0000 01 61 c00c 0001 0001"), DnsMalformedReason.CompressionLoop);

    [Fact]
    public void CompressionLoop_ForwardPointer() =>
        // 12 pointer to 16 (forward) | 14 type | 16 label "a" root
        Malformed(Hex("0000 0000 0001 0000 0000 0000 c010 0001 01 61 00"), DnsMalformedReason.CompressionLoop);

    [Fact]
    public void CompressionLoop_PointerIntoTheHeader_IsNotALoopButMustDecode()
    {
        // 12 pointer to 4: the bytes "0001 0000 ..." read as label of length 0? offset 4 holds 00: the root. Legal.
        DnsParseStatus status = DnsMessageParser.TryParse(Hex("0000 0000 0001 0000 0000 0000 c004 0001 0001"), out DnsMessage? m, out _);
        Assert.Equal(DnsParseStatus.Ok, status);
        Assert.Equal(string.Empty, m!.Questions[0].Name);
    }

    [Fact]
    public void CompressionLoop_ChainLongerThanTheHopLimit()
    {
        // 130 questions: q0 is the root name; q(n) is a pointer to q(n-1)'s name. Each question: name 2 | type 2 | class 2.
        // q0 at 12 is "00 0001 0001" (5 bytes); q1 at 17 points to 12, q2 at 23 to 17, ... q129 follows 128 pointers.
        var bytes = new List<byte>(Hex("0000 0000 0082 0000 0000 0000 00 0001 0001"));
        int previous = 12;
        for (int n = 1; n < 130; n++)
        {
            int here = bytes.Count;
            bytes.AddRange([(byte)(0xC0 | (previous >> 8)), (byte)previous, 0, 1, 0, 1]);
            previous = here;
        }

        DnsMessage m = Malformed([.. bytes], DnsMalformedReason.CompressionLoop)!;
        Assert.Equal(MdnsLimits.MaxPointerHops + 1, m.Questions.Count); // q0..q127 read; q128 needs 128 hops
    }

    [Fact]
    public void NameTooLong()
    {
        // four labels of 63: 4 * 64 + root = 257 octets
        string label = "3f" + new string('6', 126);
        Malformed(Hex("0000 0000 0001 0000 0000 0000" + label + label + label + label + "00 0001 0001"), DnsMalformedReason.NameTooLong);
    }

    [Fact]
    public void NameTooLong_ThroughPointers()
    {
        // 12: two labels of 63 + root (129 octets); question 2 is 63 + 63 + pointer to 12: 128 + 129 - 1 > 255
        string label = "3f" + new string('6', 126);
        byte[] bytes = Hex("0000 0000 0002 0000 0000 0000" + label + label + "00 0001 0001" + label + label + "c00c 0001 0001");
        Malformed(bytes, DnsMalformedReason.NameTooLong);
    }

    [Theory]
    [InlineData("40")] // 01xxxxxx: extended label type (RFC 6891 withdrew it)
    [InlineData("80")] // 10xxxxxx: reserved
    public void ReservedLabelType(string first) =>
        Malformed(Hex("0000 0000 0001 0000 0000 0000 " + first + "01 0001 0001"), DnsMalformedReason.ReservedLabelType);

    [Fact]
    public void BadRecordData_AddressOfFiveBytes() =>
        Malformed(Hex("0000 8400 0000 0001 0000 0000 00 0001 0001 00000078 0005 0a00000100"), DnsMalformedReason.BadRecordData);

    [Fact]
    public void BadRecordData_PtrNameShorterThanRdlength() =>
        // PTR with RDLENGTH 4 holding the root name 00 and 3 more bytes
        Malformed(Hex("0000 8400 0000 0001 0000 0000 00 000c 0001 00000078 0004 00 616263"), DnsMalformedReason.BadRecordData);

    [Fact]
    public void BadRecordData_SrvTooShort() =>
        Malformed(Hex("0000 8400 0000 0001 0000 0000 00 0021 0001 00000078 0004 0000 0000"), DnsMalformedReason.BadRecordData);

    [Fact]
    public void BadRecordData_PtrNameRunningPastRdlength() =>
        // RDLENGTH 2 but the name "abc" (5 bytes) continues into the next bytes, which are inside the message
        Malformed(Hex("0000 8400 0000 0001 0000 0000 00 000c 0001 00000078 0002 03 616263 00"), DnsMalformedReason.BadRecordData);

    [Fact]
    public void BadTxtString() =>
        // TXT RDLENGTH 3: string length 5 with 2 bytes
        Malformed(Hex("0000 8400 0000 0001 0000 0000 00 0010 0001 00000078 0003 05 6162"), DnsMalformedReason.BadTxtString);

    [Fact]
    public void TrailingBytes() => Malformed(Concat(PtrQueryQu, Hex("00")), DnsMalformedReason.TrailingBytes);

    [Fact]
    public void MessageTooLong() => Malformed(new byte[MdnsLimits.MaxMessageLength + 1], DnsMalformedReason.MessageTooLong);
}
