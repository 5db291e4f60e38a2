namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// What <see cref="TlsStreamParser"/> carries between chunks of one direction: the record header or handshake header
/// bytes seen so far (inline, fixed size) and, only while a handshake message spans chunks or records, a pooled
/// buffer (one owner; given back as soon as the message is complete, or by <see cref="TlsStreamParser.Reset"/>).
/// Keep it in the flow table and pass it by reference; <c>default</c> is the state of a new direction.
/// </summary>
public struct TlsHandshakeState
{
    /// <summary>Pooled buffer holding the body of a handshake message that spans chunks; null otherwise.</summary>
    internal byte[]? Buffer;

    /// <summary>Bytes of the current handshake body copied into <see cref="Buffer"/> (at most its length).</summary>
    internal int BufferedLength;

    /// <summary>Record header bytes gathered so far (0..4) when a header is split; big-endian in the low bytes.</summary>
    internal ulong RecordHeaderBytes;
    internal byte RecordHeaderFill;

    /// <summary>Content type of the record being read (0 while skipping a leading TPKT PDU).</summary>
    internal byte ContentType;

    /// <summary>Fragment bytes of the current record not yet seen.</summary>
    internal int RecordRemaining;

    /// <summary>Handshake header bytes gathered so far (0..4): type (1) | length (3).</summary>
    internal uint HandshakeHeader;
    internal byte HandshakeHeaderFill;

    /// <summary>Length of the handshake message being assembled, and how many of its bytes were seen.</summary>
    internal int HandshakeLength;
    internal int HandshakeReceived;

    /// <summary>The body could not be buffered (no pooled buffer): it is skipped and reported when complete.</summary>
    internal bool HandshakeUnbuffered;

    internal byte LeadingTpktSkipped;

    /// <summary>A record header passed the cheap test in this direction: the stream is TLS.</summary>
    public bool IsTls { get; internal set; }

    /// <summary>Inspection of this direction has ended (encrypted from here, not TLS, or broken framing): feed no more.</summary>
    public bool IsDone { get; internal set; }

    /// <summary>The first bytes were not a TLS record: the direction is something else.</summary>
    public bool IsNotTls { get; internal set; }

    public int Records { get; internal set; }

    public int HandshakeMessages { get; internal set; }

    /// <summary>The version selected by a ServerHello seen in this direction (0 until then).</summary>
    public ushort NegotiatedVersion { get; internal set; }

    public readonly bool HoldsBuffer => Buffer is not null;
}
