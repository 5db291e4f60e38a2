namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// A forward-only DER reader (ITU-T X.690 section 8.1 and 10): one TLV at a time over a span.
/// <code>
/// identifier (1)   class (2 bits) | constructed (1 bit) | tag number (5 bits, &lt; 31: single-byte tags only)
/// length (1..5)    short form 0..127, or 0x81..0x84 followed by 1..4 big-endian length bytes
/// contents (length)
/// </code>
/// </summary>
public ref struct X509DerReader
{
    public const byte TagInteger = 0x02;
    public const byte TagBitString = 0x03;
    public const byte TagOctetString = 0x04;
    public const byte TagNull = 0x05;
    public const byte TagObjectIdentifier = 0x06;
    public const byte TagUtf8String = 0x0C;
    public const byte TagNumericString = 0x12;
    public const byte TagPrintableString = 0x13;
    public const byte TagT61String = 0x14;
    public const byte TagVideotexString = 0x15;
    public const byte TagIa5String = 0x16;
    public const byte TagUtcTime = 0x17;
    public const byte TagGeneralizedTime = 0x18;
    public const byte TagVisibleString = 0x1A;
    public const byte TagGeneralString = 0x1B;
    public const byte TagUniversalString = 0x1C;
    public const byte TagBmpString = 0x1E;
    public const byte TagSequence = 0x30;
    public const byte TagSet = 0x31;

    /// <summary>Context-specific constructed [0] (TBSCertificate version) and [3] (extensions).</summary>
    public const byte TagContext0 = 0xA0;
    public const byte TagContext3 = 0xA3;

    private ReadOnlySpan<byte> _remaining;

    public X509DerReader(ReadOnlySpan<byte> data)
    {
        _remaining = data;
    }

    public readonly bool HasData => !_remaining.IsEmpty;

    public readonly ReadOnlySpan<byte> Remaining => _remaining;

    public readonly bool TryPeekTag(out byte tag)
    {
        tag = _remaining.IsEmpty ? (byte)0 : _remaining[0];
        return !_remaining.IsEmpty;
    }

    /// <summary>Reads the next element: its tag, its contents, and its whole encoding (identifier + length + contents).</summary>
    public bool TryRead(out byte tag, out ReadOnlySpan<byte> contents, out ReadOnlySpan<byte> encoded, out X509MalformedReason reason)
    {
        tag = 0;
        contents = default;
        encoded = default;
        reason = X509MalformedReason.None;
        if (_remaining.Length < 2)
        {
            reason = X509MalformedReason.Truncated;
            return false;
        }

        tag = _remaining[0];
        if ((tag & 0x1F) == 0x1F)
        {
            reason = X509MalformedReason.UnsupportedTag;
            return false;
        }

        int first = _remaining[1];
        int headerLength = 2;
        int length;
        if (first < 0x80)
        {
            length = first;
        }
        else
        {
            int count = first & 0x7F;
            if (count == 0 || count > 4)
            {
                reason = X509MalformedReason.BadLength;   // 0x80 is BER's indefinite form; DER never uses it
                return false;
            }

            if (_remaining.Length < 2 + count)
            {
                reason = X509MalformedReason.Truncated;
                return false;
            }

            uint value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 8) | _remaining[2 + i];
            }

            if (value > int.MaxValue)
            {
                reason = X509MalformedReason.BadLength;
                return false;
            }

            length = (int)value;
            headerLength = 2 + count;
        }

        // (uint) compare: headerLength + length cannot exceed int range here (length <= int.MaxValue - 6 checked below).
        if (length > _remaining.Length - headerLength)
        {
            reason = X509MalformedReason.Truncated;
            return false;
        }

        encoded = _remaining[..(headerLength + length)];
        contents = encoded[headerLength..];
        _remaining = _remaining[(headerLength + length)..];
        return true;
    }

    /// <summary>Reads the next element and requires its tag.</summary>
    public bool TryRead(byte expectedTag, out ReadOnlySpan<byte> contents, out ReadOnlySpan<byte> encoded, out X509MalformedReason reason)
    {
        if (!TryRead(out byte tag, out contents, out encoded, out reason))
        {
            return false;
        }

        if (tag != expectedTag)
        {
            reason = X509MalformedReason.UnexpectedTag;
            return false;
        }

        return true;
    }
}
