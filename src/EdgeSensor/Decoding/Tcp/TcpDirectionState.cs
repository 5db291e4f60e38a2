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

    /// <summary>Out-of-order bytes held until the gap before them fills: [HeldSequence, HeldSequence + HeldLength).</summary>
    public byte[]? HeldBuffer;
    public uint HeldSequence;
    public int HeldLength;
    public int HeldSegments;

    public long Bytes;
    public long Segments;
    public long Retransmissions;
    public long OutOfOrder;
    public long Gaps;
}
