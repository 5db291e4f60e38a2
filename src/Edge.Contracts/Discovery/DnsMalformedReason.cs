namespace Edge.Contracts.Discovery;

/// <summary>
/// Why a DNS message broke the rules of RFC 1035 (or the limits in <see cref="MdnsLimits"/>). The first violation
/// found is reported; the header and every entry read before it stay in the message.
/// </summary>
public enum DnsMalformedReason : byte
{
    None = 0,

    /// <summary>Fewer than 12 bytes: no complete header.</summary>
    TruncatedHeader = 1,

    /// <summary>A name runs past the end of the message.</summary>
    TruncatedName = 2,

    /// <summary>A question's type and class run past the end (a question count larger than the questions sent).</summary>
    TruncatedQuestion = 3,

    /// <summary>A record's fixed fields or its data run past the end (a record count larger than the records sent).</summary>
    TruncatedRecord = 4,

    /// <summary>A label longer than 63 octets cannot occur: its top bits 01 or 10 are reserved label types (RFC 6891 / RFC 1035 4.1.4).</summary>
    ReservedLabelType = 5,

    /// <summary>A name longer than 255 octets in wire form (RFC 1035 2.3.4).</summary>
    NameTooLong = 6,

    /// <summary>A compression pointer that does not point strictly backwards, or too many pointers: a loop (RFC 1035 4.1.4).</summary>
    CompressionLoop = 7,

    /// <summary>A record's data disagrees with its type: wrong A/AAAA length, a name or SRV fields not ending at the data's end.</summary>
    BadRecordData = 8,

    /// <summary>A TXT character-string runs past the record's data.</summary>
    BadTxtString = 9,

    /// <summary>More than <see cref="MdnsLimits.MaxEntries"/> questions and records in one message.</summary>
    TooManyEntries = 10,

    /// <summary>More than <see cref="MdnsLimits.MaxMessageLength"/> bytes.</summary>
    MessageTooLong = 11,

    /// <summary>Bytes after the last record the counts announce.</summary>
    TrailingBytes = 12,

    /// <summary>Catch-all.</summary>
    Unknown = 255,
}
