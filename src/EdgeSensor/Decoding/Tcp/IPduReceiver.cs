namespace EdgeSensor.Decoding.Tcp;

/// <summary>Takes what <see cref="PduStream"/> cuts out of one direction of a stream.</summary>
public interface IPduReceiver
{
    /// <summary>One complete PDU (exactly its framed length).</summary>
    void OnPdu(ReadOnlySpan<byte> pdu);

    /// <summary>The bytes at a PDU boundary are not this protocol, or their framing is malformed; the rest of the segment is skipped.</summary>
    void OnRejected(ReadOnlySpan<byte> rest, DecodeStatus status, byte reason);

    /// <summary>An incomplete PDU was abandoned (a gap in the stream, or no buffer to keep it in).</summary>
    void OnAbandoned(int bytes);
}
