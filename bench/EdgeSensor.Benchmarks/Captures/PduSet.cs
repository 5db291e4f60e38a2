namespace EdgeSensor.Benchmarks.Captures;

/// <summary>
/// A fixed number of real PDUs (or frames) copied into one contiguous buffer at setup, each with its direction.
/// When the capture holds fewer than the count asked for, its PDUs are repeated in order.
/// </summary>
public sealed class PduSet
{
    private readonly byte[] _bytes;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly bool[] _toServer;

    private PduSet(byte[] bytes, int[] offsets, int[] lengths, bool[] toServer, int distinct)
    {
        _bytes = bytes;
        _offsets = offsets;
        _lengths = lengths;
        _toServer = toServer;
        Distinct = distinct;
    }

    public int Count => _offsets.Length;

    /// <summary>Distinct PDUs found in the capture before repetition.</summary>
    public int Distinct { get; }

    public ReadOnlySpan<byte> this[int i] => _bytes.AsSpan(_offsets[i], _lengths[i]);

    public bool ToServer(int i) => _toServer[i];

    public static PduSet From(IReadOnlyList<(byte[] Bytes, bool ToServer)> found, int count, string what)
    {
        if (found.Count == 0)
        {
            throw new InvalidOperationException($"no {what} found in the capture");
        }

        using var buffer = new MemoryStream();
        var offsets = new int[count];
        var lengths = new int[count];
        var toServer = new bool[count];
        for (int i = 0; i < count; i++)
        {
            var (bytes, server) = found[i % found.Count];
            offsets[i] = (int)buffer.Length;
            lengths[i] = bytes.Length;
            toServer[i] = server;
            buffer.Write(bytes);
        }

        return new PduSet(buffer.ToArray(), offsets, lengths, toServer, Math.Min(found.Count, count));
    }
}
