namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// Reassembly state of one direction of a TCP connection, kept in the flow table and updated in place.
/// Like Utf8JsonReader's state struct: the reassembler is stateless, this carries everything between packets.
/// </summary>
public struct TcpDirectionState
{
    /// <summary>Sequence number of the next in-order byte (valid once <see cref="SequenceKnown"/>).</summary>
    public uint NextSequence;

    public bool SequenceKnown;

    /// <summary>The stream started without a SYN (capture began mid-connection).</summary>
    public bool StartedMidstream;

    public bool FinSeen;

    /// <summary>The most recent hole: bytes [HoleStart, HoleEnd) were skipped when a later segment came first.</summary>
    public uint HoleStart;
    public uint HoleEnd;

    public long Bytes;
    public long Segments;
    public long Retransmissions;
    public long OutOfOrder;
    public long LateFills;
    public long Gaps;

    public readonly bool HasHole => HoleStart != HoleEnd;
}
