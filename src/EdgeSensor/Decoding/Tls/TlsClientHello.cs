namespace EdgeSensor.Decoding.Tls;

/// <summary>The facts of one ClientHello; the spans point into the handshake message body.</summary>
public readonly ref struct TlsClientHello
{
    /// <summary>legacy_version: 0x0303 for TLS 1.2 and 1.3 clients.</summary>
    public ushort LegacyVersion { get; init; }

    /// <summary>
    /// The highest non-GREASE version offered in supported_versions (RFC 8446 section 4.2.1), or
    /// <see cref="LegacyVersion"/> when the extension is absent: what the client asks for.
    /// </summary>
    public ushort Version { get; init; }

    public bool HasSupportedVersions { get; init; }

    /// <summary>The raw supported_versions list (2 bytes per version), empty when absent.</summary>
    public ReadOnlySpan<byte> SupportedVersions { get; init; }

    public ReadOnlySpan<byte> Random { get; init; }

    public ReadOnlySpan<byte> SessionId { get; init; }

    /// <summary>The raw cipher_suites vector (2 bytes per suite).</summary>
    public ReadOnlySpan<byte> CipherSuites { get; init; }

    public ReadOnlySpan<byte> CompressionMethods { get; init; }

    /// <summary>The raw extensions block (without its 2-byte length), empty when the hello has none.</summary>
    public ReadOnlySpan<byte> Extensions { get; init; }

    public int ExtensionCount { get; init; }

    /// <summary>A server_name extension carries a non-empty host_name (what tshark reports as an SNI).</summary>
    public bool HasServerName => !ServerName.IsEmpty;

    /// <summary>The server_name extension is present (possibly with no usable host_name).</summary>
    public bool HasServerNameExtension { get; init; }

    /// <summary>The first host_name (name_type 0) of the server_name extension, ASCII as sent.</summary>
    public ReadOnlySpan<byte> ServerName { get; init; }

    public bool HasAlpn => !Alpn.IsEmpty;

    /// <summary>The raw ALPN protocol_name_list (length-prefixed names, without the list length), empty when absent.</summary>
    public ReadOnlySpan<byte> Alpn { get; init; }

    /// <summary>The first protocol name offered in ALPN (e.g. <c>h2</c>), empty when absent.</summary>
    public ReadOnlySpan<byte> FirstAlpnProtocol { get; init; }
}
