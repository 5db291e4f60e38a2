namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Why TLS bytes broke the rules of RFC 8446 / RFC 5246 (or could not be held). The first rule found broken is
/// reported; record-layer reasons end the inspection of that direction (records cannot be resynchronised).
/// </summary>
public enum TlsMalformedReason : byte
{
    None = 0,

    /// <summary>A record header after the first one has a content type outside 20..24.</summary>
    RecordBadContentType = 1,

    /// <summary>A record header after the first one has a major version other than 3.</summary>
    RecordBadVersion = 2,

    /// <summary>A record length above 2^14 + 2048 (RFC 8446 section 5.2, TLSCiphertext).</summary>
    RecordTooLong = 3,

    /// <summary>A non-handshake record arrived while a handshake message was incomplete (RFC 8446 section 5.1).</summary>
    HandshakeInterleaved = 4,

    /// <summary>A handshake message longer than the pooled buffer; only its prefix was kept.</summary>
    HandshakeMessageTooLarge = 5,

    /// <summary>No pooled buffer was free for a handshake message spanning records (a capacity limit, not the peer's fault).</summary>
    HandshakeBufferUnavailable = 6,

    /// <summary>A ClientHello or ServerHello ends before its fixed fields or one of its length-prefixed vectors.</summary>
    HelloTruncated = 7,

    /// <summary>An extension's length runs past the extensions block, or the block has a partial extension header.</summary>
    ExtensionOverrun = 8,

    /// <summary>The server_name extension's inner lengths disagree with the extension length (RFC 6066 section 3).</summary>
    ServerNameMalformed = 9,

    /// <summary>The ALPN extension's inner lengths disagree, or a protocol name is empty (RFC 7301 section 3.1).</summary>
    AlpnMalformed = 10,

    /// <summary>The supported_versions extension has an odd or inconsistent length (RFC 8446 section 4.2.1).</summary>
    SupportedVersionsMalformed = 11,

    /// <summary>A Certificate message's list or entry lengths run past the message (RFC 5246 section 7.4.2).</summary>
    CertificateListOverrun = 12,

    /// <summary>Bytes left over after a hello's extensions block.</summary>
    TrailingBytes = 13,
}
