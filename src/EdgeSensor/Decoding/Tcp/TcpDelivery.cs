namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// What one segment releases to the application layer, in stream order: at most two chunks, each the data of one
/// segment (so each starts where a sender's write started), each possibly preceded by a gap (lost bytes).
/// The spans are valid until the next call for the same direction.
/// </summary>
public readonly ref struct TcpDelivery
{
    public TcpDelivery(ReadOnlySpan<byte> first, bool gapBeforeFirst, ReadOnlySpan<byte> second, bool gapBeforeSecond)
    {
        First = first;
        GapBeforeFirst = gapBeforeFirst;
        Second = second;
        GapBeforeSecond = gapBeforeSecond;
    }

    public ReadOnlySpan<byte> First { get; }

    public bool GapBeforeFirst { get; }

    public ReadOnlySpan<byte> Second { get; }

    public bool GapBeforeSecond { get; }

    public bool IsEmpty => First.IsEmpty && Second.IsEmpty && !GapBeforeFirst && !GapBeforeSecond;
}
