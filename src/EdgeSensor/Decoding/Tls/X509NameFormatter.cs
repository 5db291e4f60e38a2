using System.Text;

namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Renders a DER Name (RFC 5280 4.1.2.4) as text the way <c>openssl x509 -nameopt RFC2253</c> does (RFC 4514 / 2253
/// string form): RDNs last-first joined by ",", multi-valued RDN members joined by "+", OpenSSL short names
/// (<see cref="X509Oid"/>), values converted to UTF-8 with every byte above 0x7F and every control byte escaped as
/// <c>\XX</c>, <c>, + " \ &lt; &gt; ;</c> escaped with a backslash, as are a leading <c>#</c> or space and a trailing
/// space; values that are not character strings are dumped as <c>#</c> + the hex of their DER encoding.
/// Allocates: run once per new certificate, never per packet.
/// </summary>
public static class X509NameFormatter
{
    public static bool TryFormatRfc2253(ReadOnlySpan<byte> name, out string text)
    {
        text = string.Empty;
        if (!TryReadAttributes(name, out List<Attribute> attributes))
        {
            return false;
        }

        var sb = new StringBuilder();
        for (int i = attributes.Count - 1; i >= 0; i--)
        {
            Attribute a = attributes[i];
            if (i != attributes.Count - 1)
            {
                sb.Append(attributes[i + 1].Set == a.Set ? '+' : ',');
            }

            sb.Append(X509Oid.AttributeName(a.Type)).Append('=');
            AppendValue(sb, a);
        }

        text = sb.ToString();
        return true;
    }

    /// <summary>The value of the last (most specific) commonName attribute as plain text, or null when there is none.</summary>
    public static string? GetCommonName(ReadOnlySpan<byte> name)
    {
        if (!TryReadAttributes(name, out List<Attribute> attributes))
        {
            return null;
        }

        for (int i = attributes.Count - 1; i >= 0; i--)
        {
            if (attributes[i].Type == X509Oid.CommonName)
            {
                Attribute a = attributes[i];
                return DecodeString(a.Tag, a.Value, out string? s) ? s : null;
            }
        }

        return null;
    }

    private static bool TryReadAttributes(ReadOnlySpan<byte> name, out List<Attribute> attributes)
    {
        attributes = [];
        var outer = new X509DerReader(name);
        if (!outer.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> rdns, out _, out _) || outer.HasData)
        {
            return false;
        }

        int set = 0;
        var rdnReader = new X509DerReader(rdns);
        while (rdnReader.HasData)
        {
            if (!rdnReader.TryRead(X509DerReader.TagSet, out ReadOnlySpan<byte> members, out _, out _))
            {
                return false;
            }

            var memberReader = new X509DerReader(members);
            while (memberReader.HasData)
            {
                if (!memberReader.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> atav, out _, out _))
                {
                    return false;
                }

                var atavReader = new X509DerReader(atav);
                if (!atavReader.TryRead(X509DerReader.TagObjectIdentifier, out ReadOnlySpan<byte> oid, out _, out _)
                    || !atavReader.TryRead(out byte tag, out ReadOnlySpan<byte> value, out ReadOnlySpan<byte> encoded, out _))
                {
                    return false;
                }

                string? dotted = X509Oid.ToDotted(oid);
                if (dotted is null)
                {
                    return false;
                }

                attributes.Add(new Attribute(set, dotted, tag, value.ToArray(), encoded.ToArray()));
            }

            set++;
        }

        return true;
    }

    private static void AppendValue(StringBuilder sb, Attribute a)
    {
        if (!DecodeString(a.Tag, a.Value, out string? s))
        {
            sb.Append('#');
            sb.Append(Convert.ToHexString(a.Encoded));
            return;
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        for (int i = 0; i < utf8.Length; i++)
        {
            byte c = utf8[i];
            bool first = i == 0;
            bool last = i == utf8.Length - 1;
            if (c > 0x7F || c < 0x20 || c == 0x7F)
            {
                sb.Append('\\').Append(c.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (c is (byte)',' or (byte)'+' or (byte)'"' or (byte)'\\' or (byte)'<' or (byte)'>' or (byte)';'
                || (first && c is (byte)'#' or (byte)' ') || (last && c == (byte)' '))
            {
                sb.Append('\\').Append((char)c);
            }
            else
            {
                sb.Append((char)c);
            }
        }
    }

    /// <summary>
    /// Character-string values as text: UTF8String as UTF-8, BMPString as UTF-16BE, UniversalString as UTF-32BE, and
    /// the one-byte string types (Printable, IA5, T61, Numeric, Visible, General, Videotex) byte for byte (Latin-1),
    /// as OpenSSL does. Anything else (or invalid UTF-8) is not a string: false.
    /// </summary>
    private static bool DecodeString(byte tag, ReadOnlySpan<byte> value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        text = null;
        switch (tag)
        {
            case X509DerReader.TagUtf8String:
                try
                {
                    text = new UTF8Encoding(false, true).GetString(value);
                    return true;
                }
                catch (DecoderFallbackException)
                {
                    return false;
                }

            case X509DerReader.TagBmpString:
                if ((value.Length & 1) != 0)
                {
                    return false;
                }

                text = Encoding.BigEndianUnicode.GetString(value);
                return true;

            case X509DerReader.TagUniversalString:
                if ((value.Length & 3) != 0)
                {
                    return false;
                }

                text = new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(value);
                return true;

            case X509DerReader.TagPrintableString:
            case X509DerReader.TagIa5String:
            case X509DerReader.TagT61String:
            case X509DerReader.TagNumericString:
            case X509DerReader.TagVisibleString:
            case X509DerReader.TagGeneralString:
            case X509DerReader.TagVideotexString:
            case X509DerReader.TagUtcTime:
            case X509DerReader.TagGeneralizedTime:
                text = Encoding.Latin1.GetString(value);
                return true;

            default:
                return false;
        }
    }

    private sealed record Attribute(int Set, string Type, byte Tag, byte[] Value, byte[] Encoded);
}
