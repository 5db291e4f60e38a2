namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// How a protocol cuts its PDUs out of a TCP byte stream (MBAP length + 6, TPKT length). Framing is separate from
/// decoding: it only answers "how long is the PDU at the head of this stream".
/// </summary>
public interface IPduFraming
{
    /// <summary>Bytes needed before <see cref="TryGetFrameLength"/> can answer anything but NeedMoreData.</summary>
    static abstract int HeaderLength { get; }

    /// <summary>The longest PDU the protocol allows; longer claims are malformed.</summary>
    static abstract int MaxFrameLength { get; }

    /// <summary>Ok with the PDU length, NeedMoreData, NotThisProtocol or Malformed (with a protocol reason code).</summary>
    static abstract DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out byte reason);
}
