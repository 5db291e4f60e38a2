namespace EdgeSensor.Decoding.Tls;

/// <summary>Why DER bytes are not a certificate this reader can take apart (ITU-T X.690 DER, RFC 5280 section 4.1).</summary>
public enum X509MalformedReason : byte
{
    None = 0,

    /// <summary>An element's tag or length runs past the bytes given.</summary>
    Truncated = 1,

    /// <summary>A length form DER forbids (indefinite, over 4 length bytes, or not minimal is tolerated; these are not).</summary>
    BadLength = 2,

    /// <summary>An element of the certificate structure has a tag other than the one RFC 5280 requires there.</summary>
    UnexpectedTag = 3,

    /// <summary>A validity time is neither a well-formed UTCTime nor GeneralizedTime in UTC.</summary>
    BadTime = 4,

    /// <summary>Bytes follow the outer Certificate SEQUENCE.</summary>
    TrailingBytes = 5,

    /// <summary>A multi-byte (high-number) tag, which no certificate field uses.</summary>
    UnsupportedTag = 6,
}
