using System.Buffers.Binary;
using System.Text;

namespace Edge.Contracts.Discovery;

/// <summary>
/// Writes DNS messages in the layout of <see cref="DnsMessageParser"/>: header, questions, answers, additionals.
/// Names are written uncompressed (our messages are a few hundred bytes; compression is optional for a sender,
/// RFC 1035 4.1.4). Returns false, writing nothing usable, when a name does not encode or the buffer is too small.
/// </summary>
public static class DnsMessageWriter
{
    /// <summary>
    /// A one-question query (RFC 6762 5): id, flags 0, the question (set <see cref="DnsQuestion.UnicastResponse"/> for QU).
    /// mDNS queries use id 0 from port 5353; a one-shot query from another port may use any id (RFC 6762 18.1).
    /// </summary>
    public static bool TryWriteQuery(Span<byte> destination, ushort id, DnsQuestion question, out int written) =>
        TryWrite(destination, id, 0, [question], [], [], out written);

    /// <summary>
    /// A response: flags QR|AA (RFC 6762 18.2, 18.4), <paramref name="questions"/> echoed (legacy unicast responses
    /// repeat the question, RFC 6762 6.7; multicast responses carry none), then answers and additional records.
    /// </summary>
    public static bool TryWriteResponse(Span<byte> destination, ushort id, IReadOnlyList<DnsQuestion> questions,
        IReadOnlyList<DnsResourceRecord> answers, IReadOnlyList<DnsResourceRecord> additionals, out int written) =>
        TryWrite(destination, id, MdnsLimits.FlagResponse | MdnsLimits.FlagAuthoritative, questions, answers, additionals, out written);

    public static bool TryWrite(Span<byte> destination, ushort id, ushort flags, IReadOnlyList<DnsQuestion> questions,
        IReadOnlyList<DnsResourceRecord> answers, IReadOnlyList<DnsResourceRecord> additionals, out int written)
    {
        written = 0;
        if (questions.Count > ushort.MaxValue || answers.Count > ushort.MaxValue || additionals.Count > ushort.MaxValue
            || destination.Length < MdnsLimits.HeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)questions.Count);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)answers.Count);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)additionals.Count);
        int position = MdnsLimits.HeaderLength;
        foreach (DnsQuestion q in questions)
        {
            if (!DnsName.TryEncode(q.Name, destination[position..], out int n) || destination.Length - position - n < 4)
            {
                return false;
            }

            position += n;
            BinaryPrimitives.WriteUInt16BigEndian(destination[position..], q.RawType);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], q.RawClass);
            position += 4;
        }

        foreach (DnsResourceRecord r in answers)
        {
            if (!TryWriteRecord(destination, ref position, r))
            {
                return false;
            }
        }

        foreach (DnsResourceRecord r in additionals)
        {
            if (!TryWriteRecord(destination, ref position, r))
            {
                return false;
            }
        }

        written = position;
        return true;
    }

    private static bool TryWriteRecord(Span<byte> destination, ref int position, DnsResourceRecord record)
    {
        if (!DnsName.TryEncode(record.Name, destination[position..], out int n) || destination.Length - position - n < 10)
        {
            return false;
        }

        int p = position + n;
        BinaryPrimitives.WriteUInt16BigEndian(destination[p..], record.RawType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(p + 2)..], record.RawClass);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(p + 4)..], record.Ttl);
        int lengthAt = p + 8;
        int data = p + 10;
        Span<byte> rdata = destination[data..];
        int length;
        switch (record.Type)
        {
            case DnsRecordType.A or DnsRecordType.Aaaa:
                if (record.Address is null || !record.Address.TryWriteBytes(rdata, out length)
                    || length != (record.Type == DnsRecordType.A ? 4 : 16))
                {
                    return false;
                }

                break;

            case DnsRecordType.Ptr:
                if (record.Target is null || !DnsName.TryEncode(record.Target, rdata, out length))
                {
                    return false;
                }

                break;

            case DnsRecordType.Srv:
                if (record.Target is null || rdata.Length < 6 || !DnsName.TryEncode(record.Target, rdata[6..], out int targetLength))
                {
                    return false;
                }

                BinaryPrimitives.WriteUInt16BigEndian(rdata, record.Priority);
                BinaryPrimitives.WriteUInt16BigEndian(rdata[2..], record.Weight);
                BinaryPrimitives.WriteUInt16BigEndian(rdata[4..], record.Port);
                length = 6 + targetLength;
                break;

            case DnsRecordType.Txt:
                if (!TryWriteTxt(rdata, record.TxtStrings, out length))
                {
                    return false;
                }

                break;

            default:
                // Only the types DNS-SD needs are written.
                return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[lengthAt..], (ushort)length);
        position = data + length;
        return true;
    }

    /// <summary>Character-strings; an empty list is written as one empty string (RFC 6763 6.1: never zero bytes).</summary>
    private static bool TryWriteTxt(Span<byte> rdata, IReadOnlyList<string> strings, out int length)
    {
        length = 0;
        if (strings.Count == 0)
        {
            if (rdata.IsEmpty)
            {
                return false;
            }

            rdata[0] = 0;
            length = 1;
            return true;
        }

        foreach (string s in strings)
        {
            int bytes = Encoding.UTF8.GetByteCount(s);
            if (bytes > MdnsLimits.MaxTxtStringLength || rdata.Length - length < 1 + bytes || length + 1 + bytes > ushort.MaxValue)
            {
                return false;
            }

            rdata[length] = (byte)bytes;
            Encoding.UTF8.GetBytes(s, rdata[(length + 1)..]);
            length += 1 + bytes;
        }

        return true;
    }
}
