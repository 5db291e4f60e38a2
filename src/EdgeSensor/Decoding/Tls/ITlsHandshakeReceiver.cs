namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Takes what <see cref="TlsStreamParser"/> finds in one direction of a TLS stream. Spans are valid only during the
/// call (they point into the packet or into a pooled buffer that is reused afterwards).
/// </summary>
public interface ITlsHandshakeReceiver
{
    void OnClientHello(in TlsClientHello hello);

    void OnServerHello(in TlsServerHello hello);

    /// <summary>A Certificate message: its first (leaf) certificate's DER and the number of certificates in the list.</summary>
    void OnCertificate(ReadOnlySpan<byte> leafDer, int chainLength);

    /// <summary>ChangeCipherSpec or application data was seen: the rest of this direction is encrypted; inspection stops.</summary>
    void OnHandshakeDone();

    /// <summary>A rule was broken (record-layer reasons also stop the inspection of this direction).</summary>
    void OnMalformed(TlsMalformedReason reason);

    /// <summary>Every complete handshake message, before it is decoded (for tests and raw counters; optional).</summary>
    void OnHandshakeMessage(TlsHandshakeType type, ReadOnlySpan<byte> body)
    {
    }
}
