namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// What one segment releases to the application layer: the new bytes of that segment (it starts where the sender's
/// write started), whether bytes were skipped before it, and whether it is a late segment that fills an earlier hole
/// (to be decoded on its own, apart from the stream's current partial PDU). Valid until the next call.
/// </summary>
public readonly ref struct TcpDelivery
{
    public TcpDelivery(ReadOnlySpan<byte> data, bool gapBefore, bool late)
    {
        Data = data;
        GapBefore = gapBefore;
        Late = late;
    }

    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Bytes before this segment were not seen (yet): a partial PDU in progress is lost.</summary>
    public bool GapBefore { get; }

    /// <summary>The segment arrived after later data: it fills (part of) the hole left earlier.</summary>
    public bool Late { get; }

    public bool IsEmpty => Data.IsEmpty;
}
