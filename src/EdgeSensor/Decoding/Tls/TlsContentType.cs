namespace EdgeSensor.Decoding.Tls;

/// <summary>TLS record content types (RFC 8446 section 5.1, RFC 6520 for heartbeat; IANA "TLS ContentType").</summary>
public enum TlsContentType : byte
{
    Unknown = 0,
    ChangeCipherSpec = 20,
    Alert = 21,
    Handshake = 22,
    ApplicationData = 23,
    Heartbeat = 24,
}
