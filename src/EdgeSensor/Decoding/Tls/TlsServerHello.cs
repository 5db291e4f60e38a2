namespace EdgeSensor.Decoding.Tls;

/// <summary>The facts of one ServerHello (or HelloRetryRequest); the spans point into the handshake message body.</summary>
public readonly ref struct TlsServerHello
{
    public ushort LegacyVersion { get; init; }

    /// <summary>supported_versions' selected_version when present (TLS 1.3, RFC 8446 section 4.2.1), else the legacy version.</summary>
    public ushort Version { get; init; }

    public bool HasSupportedVersions { get; init; }

    public ushort CipherSuite { get; init; }

    public byte CompressionMethod { get; init; }

    public ReadOnlySpan<byte> Random { get; init; }

    public ReadOnlySpan<byte> SessionId { get; init; }

    /// <summary>The random is the HelloRetryRequest marker (RFC 8446 section 4.1.3).</summary>
    public bool IsHelloRetryRequest { get; init; }

    /// <summary>The raw extensions block, empty when the hello has none.</summary>
    public ReadOnlySpan<byte> Extensions { get; init; }

    public int ExtensionCount { get; init; }

    /// <summary>The protocol the server selected with ALPN, empty when absent.</summary>
    public ReadOnlySpan<byte> AlpnProtocol { get; init; }
}
