namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// The TLS 1.2-and-earlier Certificate message body (RFC 5246 section 7.4.2; in TLS 1.3 it is encrypted):
/// <code>
/// certificate_list length (3)
///   { ASN.1Cert length (3) | DER certificate } ...   sender's (leaf) certificate first
/// </code>
/// </summary>
public static class TlsCertificateMessage
{
    /// <summary>Largest DER certificate accepted (RFC 5246: opaque ASN.1Cert&lt;1..2^24-1&gt;).</summary>
    public const int MaxCertificateLength = (1 << 24) - 1;

    /// <summary>
    /// The leaf (first) certificate and how many certificates the list holds. An empty list (a client with no
    /// certificate) is Ok with a chain length of 0. With <paramref name="truncated"/> (only a prefix of the message was
    /// kept), the leaf is still returned when it lies wholly in the prefix, and the chain length counts what was seen.
    /// </summary>
    public static DecodeStatus TryReadLeaf(ReadOnlySpan<byte> body, bool truncated, out ReadOnlySpan<byte> leaf, out int chainLength, out TlsMalformedReason reason)
    {
        leaf = default;
        chainLength = 0;
        reason = TlsMalformedReason.None;
        if (body.Length < 3)
        {
            reason = TlsMalformedReason.CertificateListOverrun;
            return DecodeStatus.Malformed;
        }

        int listLength = ReadUInt24(body);
        ReadOnlySpan<byte> list = body[3..];
        if (listLength > list.Length)
        {
            if (!truncated)
            {
                reason = TlsMalformedReason.CertificateListOverrun;
                return DecodeStatus.Malformed;
            }
        }
        else
        {
            list = list[..listLength];
        }

        int offset = 0;
        while (offset < list.Length)
        {
            if ((uint)(offset + 3) > (uint)list.Length)
            {
                break;
            }

            int length = ReadUInt24(list[offset..]);
            if ((uint)(offset + 3 + length) > (uint)list.Length)
            {
                break;
            }

            if (chainLength == 0)
            {
                leaf = list.Slice(offset + 3, length);
            }

            chainLength++;
            offset += 3 + length;
        }

        if (offset != list.Length && !truncated)
        {
            reason = TlsMalformedReason.CertificateListOverrun;
            return DecodeStatus.Malformed;
        }

        if (truncated && chainLength == 0)
        {
            reason = TlsMalformedReason.HandshakeMessageTooLarge;
            return DecodeStatus.Malformed;
        }

        return DecodeStatus.Ok;
    }

    internal static int ReadUInt24(ReadOnlySpan<byte> span) => (span[0] << 16) | (span[1] << 8) | span[2];
}
