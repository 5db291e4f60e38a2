using System.Net;
using System.Text;

namespace Edge.Contracts.Discovery;

/// <summary>
/// Parses a DNS message as multicast DNS carries it (RFC 1035 4.1, RFC 6762 18). Never throws on the bytes, never
/// reads past them; every count is checked against the bytes actually there, not trusted. Layout:
/// <code>
///   header   0 id 2 | 2 flags 2 | 4 QDCOUNT 2 | 6 ANCOUNT 2 | 8 NSCOUNT 2 | 10 ARCOUNT 2
///   question name (labels or pointer) | type 2 | class 2 (top bit: QU)
///   record   name | type 2 | class 2 (top bit: cache flush) | TTL 4 | RDLENGTH 2 | RDATA RDLENGTH
///   RDATA    A 4 | AAAA 16 | PTR name | SRV priority 2, weight 2, port 2, target name | TXT (length 1, octets)*
/// </code>
/// Names inside RDATA may be compressed too and must end exactly where RDATA ends.
/// </summary>
public static class DnsMessageParser
{
    /// <summary>
    /// <see cref="DnsParseStatus.Ok"/>: the whole message was read. <see cref="DnsParseStatus.Malformed"/>:
    /// <paramref name="reason"/> names the first violation; <paramref name="message"/> holds the header and the
    /// entries before it (null only when the header itself is incomplete).
    /// </summary>
    public static DnsParseStatus TryParse(ReadOnlySpan<byte> bytes, out DnsMessage? message, out DnsMalformedReason reason)
    {
        message = null;
        reason = DnsMalformedReason.None;
        if (bytes.Length > MdnsLimits.MaxMessageLength)
        {
            reason = DnsMalformedReason.MessageTooLong;
            return DnsParseStatus.Malformed;
        }

        var reader = new DnsWireReader(bytes);
        if (!reader.TryReadUInt16(out ushort id) || !reader.TryReadUInt16(out ushort flags)
            || !reader.TryReadUInt16(out ushort qd) || !reader.TryReadUInt16(out ushort an)
            || !reader.TryReadUInt16(out ushort ns) || !reader.TryReadUInt16(out ushort ar))
        {
            reason = DnsMalformedReason.TruncatedHeader;
            return DnsParseStatus.Malformed;
        }

        var result = new DnsMessage
        {
            Id = id, Flags = flags, QuestionCount = qd, AnswerCount = an, AuthorityCount = ns, AdditionalCount = ar,
        };
        message = result;

        // The sum is at most 4 * 65535, so no overflow; a lying count is caught here or when the bytes run out.
        if (qd + an + ns + ar > MdnsLimits.MaxEntries)
        {
            reason = DnsMalformedReason.TooManyEntries;
            return DnsParseStatus.Malformed;
        }

        for (int i = 0; i < qd; i++)
        {
            reason = reader.TryReadName(out string name);
            if (reason != DnsMalformedReason.None)
            {
                return DnsParseStatus.Malformed;
            }

            if (!reader.TryReadUInt16(out ushort type) || !reader.TryReadUInt16(out ushort cls))
            {
                reason = DnsMalformedReason.TruncatedQuestion;
                return DnsParseStatus.Malformed;
            }

            result.QuestionList.Add(new DnsQuestion(name, type, cls));
        }

        if ((reason = ReadRecords(ref reader, an, result.AnswerList)) != DnsMalformedReason.None
            || (reason = ReadRecords(ref reader, ns, result.AuthorityList)) != DnsMalformedReason.None
            || (reason = ReadRecords(ref reader, ar, result.AdditionalList)) != DnsMalformedReason.None)
        {
            return DnsParseStatus.Malformed;
        }

        if (reader.Remaining != 0)
        {
            reason = DnsMalformedReason.TrailingBytes;
            return DnsParseStatus.Malformed;
        }

        return DnsParseStatus.Ok;
    }

    private static DnsMalformedReason ReadRecords(ref DnsWireReader reader, int count, List<DnsResourceRecord> into)
    {
        for (int i = 0; i < count; i++)
        {
            DnsMalformedReason reason = ReadRecord(ref reader, out DnsResourceRecord? record);
            if (reason != DnsMalformedReason.None)
            {
                return reason;
            }

            into.Add(record!);
        }

        return DnsMalformedReason.None;
    }

    private static DnsMalformedReason ReadRecord(ref DnsWireReader reader, out DnsResourceRecord? record)
    {
        record = null;
        DnsMalformedReason reason = reader.TryReadName(out string name);
        if (reason != DnsMalformedReason.None)
        {
            return reason;
        }

        if (!reader.TryReadUInt16(out ushort type) || !reader.TryReadUInt16(out ushort cls)
            || !reader.TryReadUInt32(out uint ttl) || !reader.TryReadUInt16(out ushort length)
            || length > reader.Remaining)
        {
            return DnsMalformedReason.TruncatedRecord;
        }

        int dataStart = reader.Position;
        int dataEnd = dataStart + length;
        string? target = null;
        ushort priority = 0, weight = 0, port = 0;
        IPAddress? address = null;
        IReadOnlyList<string> txt = [];
        switch (DnsResourceRecord.ToType(type))
        {
            case DnsRecordType.A:
            case DnsRecordType.Aaaa:
                int expected = DnsResourceRecord.ToType(type) == DnsRecordType.A ? 4 : 16;
                if (length != expected || !reader.TryReadBytes(length, out ReadOnlySpan<byte> raw))
                {
                    return DnsMalformedReason.BadRecordData;
                }

                address = new IPAddress(raw);
                break;

            case DnsRecordType.Ptr:
                if ((reason = ReadDataName(ref reader, dataEnd, out target)) != DnsMalformedReason.None)
                {
                    return reason;
                }

                break;

            case DnsRecordType.Srv:
                if (length < 7 || !reader.TryReadUInt16(out priority) || !reader.TryReadUInt16(out weight) || !reader.TryReadUInt16(out port))
                {
                    return DnsMalformedReason.BadRecordData;
                }

                if ((reason = ReadDataName(ref reader, dataEnd, out target)) != DnsMalformedReason.None)
                {
                    return reason;
                }

                break;

            case DnsRecordType.Txt:
                if ((reason = ReadTxt(ref reader, dataEnd, out txt)) != DnsMalformedReason.None)
                {
                    return reason;
                }

                break;

            default:
                reader.Position = dataEnd;
                break;
        }

        record = new DnsResourceRecord
        {
            Name = name, RawType = type, RawClass = cls, Ttl = ttl, Target = target, Priority = priority,
            Weight = weight, Port = port, Address = address, TxtStrings = txt, DataLength = length,
        };
        return DnsMalformedReason.None;
    }

    /// <summary>A name that is the rest of RDATA: its in-line part must end exactly at <paramref name="dataEnd"/>.</summary>
    private static DnsMalformedReason ReadDataName(ref DnsWireReader reader, int dataEnd, out string? name)
    {
        DnsMalformedReason reason = reader.TryReadName(out string read);
        name = read;
        if (reason != DnsMalformedReason.None)
        {
            return reason;
        }

        return reader.Position == dataEnd ? DnsMalformedReason.None : DnsMalformedReason.BadRecordData;
    }

    /// <summary>TXT RDATA: character-strings (length octet, octets) filling it exactly (RFC 1035 3.3.14).</summary>
    private static DnsMalformedReason ReadTxt(ref DnsWireReader reader, int dataEnd, out IReadOnlyList<string> strings)
    {
        var list = new List<string>();
        strings = list;
        while (reader.Position < dataEnd)
        {
            if (!reader.TryReadBytes(1, out ReadOnlySpan<byte> lengthOctet) || lengthOctet[0] > dataEnd - reader.Position
                || !reader.TryReadBytes(lengthOctet[0], out ReadOnlySpan<byte> octets))
            {
                return DnsMalformedReason.BadTxtString;
            }

            // RFC 6763 6.1: an empty string is allowed (an empty TXT record is one zero octet); it carries no attribute.
            if (octets.Length > 0)
            {
                list.Add(Encoding.UTF8.GetString(octets));
            }
        }

        return DnsMalformedReason.None;
    }
}
