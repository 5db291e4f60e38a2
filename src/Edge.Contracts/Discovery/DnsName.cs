using System.Text;

namespace Edge.Contracts.Discovery;

/// <summary>
/// Domain names as text: labels joined by <c>.</c>, a dot or backslash inside a label escaped as <c>\.</c> and
/// <c>\\</c> (DNS-SD instance names may hold dots, RFC 6763 4.3). Labels are UTF-8 on the wire (RFC 6763 4.1.3).
/// Comparison is ASCII case-insensitive (RFC 6762 16).
/// </summary>
public static class DnsName
{
    /// <summary>True when both names are the same, ignoring case and one trailing dot.</summary>
    public static bool EqualsIgnoreCase(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return TrimRoot(a).Equals(TrimRoot(b), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Joins an instance label (unescaped, any characters) with a service type: <c>My\.Box._edge-prov._tcp.local</c>.</summary>
    public static string Join(string label, string parent) => Escape(label) + "." + TrimRoot(parent);

    /// <summary>The first label of <paramref name="name"/>, unescaped (the instance part of a service instance name).</summary>
    public static string FirstLabel(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '\\' && i + 1 < name.Length)
            {
                sb.Append(name[++i]);
            }
            else if (c == '.')
            {
                break;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>True when the name encodes: every label 1..63 octets, the whole at most 255 octets.</summary>
    public static bool IsValid(string name)
    {
        Span<byte> buffer = stackalloc byte[MdnsLimits.MaxNameLength];
        return TryEncode(name, buffer, out _);
    }

    /// <summary>Writes the name in wire form (length-prefixed labels, root label last), uncompressed.</summary>
    public static bool TryEncode(string name, Span<byte> destination, out int written)
    {
        written = 0;
        string text = TrimRoot(name);
        int position = 0;
        Span<byte> label = stackalloc byte[MdnsLimits.MaxLabelLength * 4];
        int i = 0;
        while (i < text.Length)
        {
            int labelLength = 0;
            while (i < text.Length && text[i] != '.')
            {
                char c = text[i];
                if (c == '\\' && i + 1 < text.Length)
                {
                    c = text[++i];
                }

                // A surrogate pair is encoded as one code point; a lone surrogate is not a valid name.
                int charCount = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                if (char.IsSurrogate(c) && charCount == 1)
                {
                    return false;
                }

                int bytes = Encoding.UTF8.GetByteCount(text.AsSpan(i, charCount));
                if (labelLength + bytes > MdnsLimits.MaxLabelLength)
                {
                    return false;
                }

                labelLength += Encoding.UTF8.GetBytes(text.AsSpan(i, charCount), label[labelLength..]);
                i += charCount;
            }

            if (labelLength == 0 || position + 1 + labelLength + 1 > Math.Min(destination.Length, MdnsLimits.MaxNameLength))
            {
                return false;
            }

            destination[position] = (byte)labelLength;
            label[..labelLength].CopyTo(destination[(position + 1)..]);
            position += 1 + labelLength;
            i++; // the dot
        }

        if (position + 1 > destination.Length)
        {
            return false;
        }

        destination[position] = 0;
        written = position + 1;
        return true;
    }

    /// <summary>Appends one label from the wire, escaping dots and backslashes.</summary>
    internal static void AppendLabel(StringBuilder sb, ReadOnlySpan<byte> label)
    {
        if (sb.Length > 0)
        {
            sb.Append('.');
        }

        foreach (char c in Encoding.UTF8.GetString(label))
        {
            if (c is '.' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }

    private static string Escape(string label) => label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(".", "\\.", StringComparison.Ordinal);

    private static string TrimRoot(string name) =>
        name.Length > 0 && name[^1] == '.' && (name.Length < 2 || name[^2] != '\\') ? name[..^1] : name;
}
