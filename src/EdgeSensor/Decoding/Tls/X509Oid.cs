using System.Globalization;
using System.Text;

namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// OBJECT IDENTIFIER text (X.690 section 8.19: first byte 40 * arc1 + arc2, then base-128 arcs, high bit = more)
/// and the attribute short names OpenSSL prints (its <c>OBJ_nid2sn</c> names, used by <c>-nameopt RFC2253</c>).
/// Allocates: for the once-per-certificate inspection path, not per packet.
/// </summary>
public static class X509Oid
{
    public const string CommonName = "2.5.4.3";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string EcPublicKey = "1.2.840.10045.2.1";

    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN",
        ["2.5.4.4"] = "SN",
        ["2.5.4.5"] = "serialNumber",
        ["2.5.4.6"] = "C",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.9"] = "street",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.12"] = "title",
        ["2.5.4.13"] = "description",
        ["2.5.4.15"] = "businessCategory",
        ["2.5.4.17"] = "postalCode",
        ["2.5.4.41"] = "name",
        ["2.5.4.42"] = "GN",
        ["2.5.4.43"] = "initials",
        ["2.5.4.44"] = "generationQualifier",
        ["2.5.4.46"] = "dnQualifier",
        ["2.5.4.65"] = "pseudonym",
        ["2.5.4.97"] = "organizationIdentifier",
        ["0.9.2342.19200300.100.1.1"] = "UID",
        ["0.9.2342.19200300.100.1.25"] = "DC",
        ["1.2.840.113549.1.9.1"] = "emailAddress",
        ["1.2.840.113549.1.9.2"] = "unstructuredName",
        ["1.3.6.1.4.1.311.60.2.1.1"] = "jurisdictionL",
        ["1.3.6.1.4.1.311.60.2.1.2"] = "jurisdictionST",
        ["1.3.6.1.4.1.311.60.2.1.3"] = "jurisdictionC",
    };

    /// <summary>Dotted text of OID contents, or null when the encoding is broken (empty, or ends inside an arc).</summary>
    public static string? ToDotted(ReadOnlySpan<byte> contents)
    {
        if (contents.IsEmpty)
        {
            return null;
        }

        var text = new StringBuilder();
        ulong arc = 0;
        bool firstArc = true;
        int arcBytes = 0;
        foreach (byte b in contents)
        {
            if (arcBytes == 9)
            {
                return null;    // more than 63 bits: no real OID arc is that large
            }

            arc = (arc << 7) | (uint)(b & 0x7F);
            arcBytes++;
            if ((b & 0x80) != 0)
            {
                continue;
            }

            if (firstArc)
            {
                ulong top = arc < 80 ? arc / 40 : 2;
                text.Append(CultureInfo.InvariantCulture, $"{top}.{arc - (top * 40)}");
                firstArc = false;
            }
            else
            {
                text.Append('.').Append(arc.ToString(CultureInfo.InvariantCulture));
            }

            arc = 0;
            arcBytes = 0;
        }

        return arcBytes == 0 ? text.ToString() : null;
    }

    /// <summary>OpenSSL's short name for an attribute type, or the dotted OID when it has none.</summary>
    public static string AttributeName(string dotted) => ShortNames.TryGetValue(dotted, out string? name) ? name : dotted;
}
