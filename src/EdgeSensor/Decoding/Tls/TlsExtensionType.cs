namespace EdgeSensor.Decoding.Tls;

/// <summary>The extension code points this decoder reads (IANA "TLS ExtensionType Values").</summary>
public enum TlsExtensionType : ushort
{
    /// <summary>RFC 6066 section 3.</summary>
    ServerName = 0,

    /// <summary>RFC 7301 section 3.1.</summary>
    ApplicationLayerProtocolNegotiation = 16,

    /// <summary>RFC 8446 section 4.2.1.</summary>
    SupportedVersions = 43,
}
