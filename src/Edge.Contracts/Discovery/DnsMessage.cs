namespace Edge.Contracts.Discovery;

/// <summary>
/// A parsed DNS message (RFC 1035 4.1): the header as sent and the questions and records read. The counts are the
/// header's claims; the lists hold what was actually there (fewer when the message was malformed).
/// </summary>
public sealed class DnsMessage
{
    public ushort Id { get; init; }

    public ushort Flags { get; init; }

    public bool IsResponse => (Flags & MdnsLimits.FlagResponse) != 0;

    /// <summary>OPCODE; mDNS messages with a non-zero opcode are ignored (RFC 6762 18.3).</summary>
    public int Opcode => (Flags >> 11) & 0xF;

    /// <summary>RCODE; mDNS messages with a non-zero rcode are ignored (RFC 6762 18.11).</summary>
    public int ResponseCode => Flags & 0xF;

    public bool IsTruncated => (Flags & MdnsLimits.FlagTruncated) != 0;

    public ushort QuestionCount { get; init; }

    public ushort AnswerCount { get; init; }

    public ushort AuthorityCount { get; init; }

    public ushort AdditionalCount { get; init; }

    public IReadOnlyList<DnsQuestion> Questions => QuestionList;

    public IReadOnlyList<DnsResourceRecord> Answers => AnswerList;

    public IReadOnlyList<DnsResourceRecord> Authorities => AuthorityList;

    public IReadOnlyList<DnsResourceRecord> Additionals => AdditionalList;

    internal List<DnsQuestion> QuestionList { get; } = [];

    internal List<DnsResourceRecord> AnswerList { get; } = [];

    internal List<DnsResourceRecord> AuthorityList { get; } = [];

    internal List<DnsResourceRecord> AdditionalList { get; } = [];

    /// <summary>Answers then additionals (authority records of a response are probe data, RFC 6762 8.2).</summary>
    public IEnumerable<DnsResourceRecord> AnswersAndAdditionals => Answers.Concat(Additionals);
}
