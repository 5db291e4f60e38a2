namespace Edge.Contracts.Discovery;

/// <summary>Outcome of <see cref="DnsMessageParser.TryParse"/>: the bytes are either a well-formed message or not.</summary>
public enum DnsParseStatus : byte
{
    /// <summary>Header, every question and every record the counts announce were read, and nothing followed.</summary>
    Ok = 0,

    /// <summary>The message broke a rule; see the reason. Entries read before the violation are kept.</summary>
    Malformed = 1,
}
