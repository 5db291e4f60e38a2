namespace EdgeSensor.Plant.Identity;

/// <summary>
/// Turns identity strings from packets (attacker-controlled bytes) into plain, bounded strings: the text ends at
/// the first NUL (as Wireshark shows a fixed-width string field), leading and trailing spaces and control bytes are
/// trimmed, at most <c>maxLength</c> bytes are kept, and any remaining control or non-ASCII byte becomes
/// <see cref="Replacement"/>. No escaping: that belongs where the text is shown. A field is reassigned only when its
/// text changes, so a device that repeats its answer costs no allocation.
/// </summary>
public static class IdentityText
{
    /// <summary>Stands for a byte that is not printable ASCII.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Upper bound of any identity string kept (Modbus objects may be up to 245 bytes).</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Sets <paramref name="field"/> to the sanitised text of <paramref name="raw"/> (null when nothing is left).
    /// True when the field changed.
    /// </summary>
    public static bool Update(ref string? field, ReadOnlySpan<byte> raw, int maxLength = MaxLength)
    {
        ReadOnlySpan<byte> text = Trim(raw, Math.Clamp(maxLength, 0, MaxLength));
        if (text.IsEmpty)
        {
            if (field is null)
            {
                return false;
            }

            field = null;
            return true;
        }

        Span<char> chars = stackalloc char[MaxLength];
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            chars[i] = b is >= 0x20 and < 0x7F ? (char)b : Replacement;
        }

        ReadOnlySpan<char> value = chars.Slice(0, text.Length);
        if (field is not null && value.SequenceEqual(field))
        {
            return false;
        }

        field = new string(value);
        return true;
    }

    /// <summary>The sanitised text of <paramref name="raw"/>, or null (allocates; for tests and one-off use).</summary>
    public static string? ToText(ReadOnlySpan<byte> raw, int maxLength = MaxLength)
    {
        string? text = null;
        Update(ref text, raw, maxLength);
        return text;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> raw, int maxLength)
    {
        int nul = raw.IndexOf((byte)0);
        if (nul >= 0)
        {
            raw = raw.Slice(0, nul);
        }

        int start = 0;
        while (start < raw.Length && raw[start] <= 0x20)
        {
            start++;
        }

        int end = raw.Length;
        while (end > start && (raw[end - 1] <= 0x20 || raw[end - 1] == 0x7F))
        {
            end--;
        }

        raw = raw.Slice(start, end - start);
        if (raw.Length > maxLength)
        {
            raw = raw.Slice(0, maxLength);
            // The cut may leave trailing spaces.
            int cut = raw.Length;
            while (cut > 0 && raw[cut - 1] <= 0x20)
            {
                cut--;
            }

            raw = raw.Slice(0, cut);
        }

        return raw;
    }
}
