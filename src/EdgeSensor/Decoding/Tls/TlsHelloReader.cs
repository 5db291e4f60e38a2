using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Reads ClientHello and ServerHello bodies (the handshake message without its 4-byte header).
/// <code>
/// ClientHello (RFC 8446 4.1.2, RFC 5246 7.4.1.2)     ServerHello (RFC 8446 4.1.3, RFC 5246 7.4.1.3)
///   legacy_version (2)                                 legacy_version (2)
///   random (32)                                        random (32)
///   legacy_session_id &lt;0..32&gt;  (1 + n)                legacy_session_id_echo &lt;0..32&gt; (1 + n)
///   cipher_suites &lt;2..2^16-2&gt;   (2 + n)                cipher_suite (2)
///   legacy_compression_methods (1 + n)                 legacy_compression_method (1)
///   extensions &lt;0..2^16-1&gt;     (2 + n, optional before TLS 1.3; absent in SSL 3.0 hellos)
/// extension: type (2) | length (2) | data
///   server_name (0, RFC 6066 3): list length (2) | { name_type (1) = 0 host_name | length (2) | name }
///   ALPN (16, RFC 7301 3.1): list length (2) | { length (1) | protocol name }; ServerHello: exactly one name
///   supported_versions (43, RFC 8446 4.2.1): ClientHello length (1) | versions (2 each); ServerHello selected (2)
/// </code>
/// Every read is bounds-checked; a hello that breaks a length rule is Malformed with a reason.
/// </summary>
public static partial class TlsHelloReader
{
    public const int RandomLength = 32;
    public const int MaxSessionIdLength = 32;

    /// <summary>SHA-256("HelloRetryRequest"): the ServerHello random that marks a HelloRetryRequest (RFC 8446 4.1.3).</summary>
    public static ReadOnlySpan<byte> HelloRetryRequestRandom =>
    [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ];

    public static DecodeStatus TryReadClientHello(ReadOnlySpan<byte> body, out TlsClientHello hello, out TlsMalformedReason reason)
    {
        hello = default;
        reason = TlsMalformedReason.None;
        if (body.Length < 2 + RandomLength + 1)
        {
            reason = TlsMalformedReason.HelloTruncated;
            return DecodeStatus.Malformed;
        }

        ushort legacyVersion = BinaryPrimitives.ReadUInt16BigEndian(body);
        ReadOnlySpan<byte> random = body.Slice(2, RandomLength);
        int offset = 2 + RandomLength;
        if (!TryReadVector8(body, ref offset, out ReadOnlySpan<byte> sessionId) || sessionId.Length > MaxSessionIdLength
            || !TryReadVector16(body, ref offset, out ReadOnlySpan<byte> cipherSuites) || (cipherSuites.Length & 1) != 0
            || !TryReadVector8(body, ref offset, out ReadOnlySpan<byte> compression))
        {
            reason = TlsMalformedReason.HelloTruncated;
            return DecodeStatus.Malformed;
        }

        ReadOnlySpan<byte> extensions = default;
        if (offset < body.Length && !TryReadExtensionsBlock(body, ref offset, out extensions, out reason))
        {
            return DecodeStatus.Malformed;
        }

        var facts = default(ClientExtensionFacts);
        if (!TryReadClientExtensions(extensions, ref facts, out reason))
        {
            return DecodeStatus.Malformed;
        }

        hello = new TlsClientHello
        {
            LegacyVersion = legacyVersion,
            Version = facts.HighestVersion != 0 ? facts.HighestVersion : legacyVersion,
            HasSupportedVersions = facts.HasSupportedVersions,
            SupportedVersions = facts.SupportedVersions,
            Random = random,
            SessionId = sessionId,
            CipherSuites = cipherSuites,
            CompressionMethods = compression,
            Extensions = extensions,
            ExtensionCount = facts.Count,
            HasServerNameExtension = facts.HasServerNameExtension,
            ServerName = facts.ServerName,
            Alpn = facts.Alpn,
            FirstAlpnProtocol = facts.FirstAlpnProtocol,
        };

        if (offset != body.Length)
        {
            reason = TlsMalformedReason.TrailingBytes;
            return DecodeStatus.Malformed;
        }

        return DecodeStatus.Ok;
    }

    public static DecodeStatus TryReadServerHello(ReadOnlySpan<byte> body, out TlsServerHello hello, out TlsMalformedReason reason)
    {
        hello = default;
        reason = TlsMalformedReason.None;
        if (body.Length < 2 + RandomLength + 1)
        {
            reason = TlsMalformedReason.HelloTruncated;
            return DecodeStatus.Malformed;
        }

        ushort legacyVersion = BinaryPrimitives.ReadUInt16BigEndian(body);
        ReadOnlySpan<byte> random = body.Slice(2, RandomLength);
        int offset = 2 + RandomLength;
        if (!TryReadVector8(body, ref offset, out ReadOnlySpan<byte> sessionId) || sessionId.Length > MaxSessionIdLength
            || (uint)(offset + 3) > (uint)body.Length)
        {
            reason = TlsMalformedReason.HelloTruncated;
            return DecodeStatus.Malformed;
        }

        ushort cipherSuite = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
        byte compression = body[offset + 2];
        offset += 3;
        ReadOnlySpan<byte> extensions = default;
        if (offset < body.Length && !TryReadExtensionsBlock(body, ref offset, out extensions, out reason))
        {
            return DecodeStatus.Malformed;
        }

        var facts = default(ServerExtensionFacts);
        if (!TryReadServerExtensions(extensions, ref facts, out reason))
        {
            return DecodeStatus.Malformed;
        }

        hello = new TlsServerHello
        {
            LegacyVersion = legacyVersion,
            Version = facts.HasSupportedVersions ? facts.SelectedVersion : legacyVersion,
            HasSupportedVersions = facts.HasSupportedVersions,
            CipherSuite = cipherSuite,
            CompressionMethod = compression,
            Random = random,
            SessionId = sessionId,
            IsHelloRetryRequest = random.SequenceEqual(HelloRetryRequestRandom),
            Extensions = extensions,
            ExtensionCount = facts.Count,
            AlpnProtocol = facts.AlpnProtocol,
        };

        if (offset != body.Length)
        {
            reason = TlsMalformedReason.TrailingBytes;
            return DecodeStatus.Malformed;
        }

        return DecodeStatus.Ok;
    }

    private static bool TryReadExtensionsBlock(ReadOnlySpan<byte> body, scoped ref int offset, out ReadOnlySpan<byte> extensions, out TlsMalformedReason reason)
    {
        reason = TlsMalformedReason.None;
        if (!TryReadVector16(body, ref offset, out extensions))
        {
            reason = TlsMalformedReason.ExtensionOverrun;
            return false;
        }

        return true;
    }

    /// <summary>Reads a vector with a 1-byte length at <paramref name="offset"/> and moves past it.</summary>
    internal static bool TryReadVector8(ReadOnlySpan<byte> span, scoped ref int offset, out ReadOnlySpan<byte> value)
    {
        value = default;
        // (uint) casts: one compare covers negative offsets and lengths past the end.
        if ((uint)offset >= (uint)span.Length)
        {
            return false;
        }

        int length = span[offset];
        if ((uint)(offset + 1 + length) > (uint)span.Length)
        {
            return false;
        }

        value = span.Slice(offset + 1, length);
        offset += 1 + length;
        return true;
    }

    /// <summary>Reads a vector with a 2-byte big-endian length at <paramref name="offset"/> and moves past it.</summary>
    internal static bool TryReadVector16(ReadOnlySpan<byte> span, scoped ref int offset, out ReadOnlySpan<byte> value)
    {
        value = default;
        if ((uint)(offset + 2) > (uint)span.Length)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(span[offset..]);
        if ((uint)(offset + 2 + length) > (uint)span.Length)
        {
            return false;
        }

        value = span.Slice(offset + 2, length);
        offset += 2 + length;
        return true;
    }
}
