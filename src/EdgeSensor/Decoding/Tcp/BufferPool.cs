namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// Fixed-size byte buffers for bytes that must outlive one packet (partial PDUs, held out-of-order segments).
/// One owner at a time; buffers are made on first need and reused, so steady state allocates nothing.
/// Bounded: when <see cref="MaxBuffers"/> are out, <see cref="TryRent"/> says no and the caller counts a drop.
/// </summary>
public sealed class BufferPool
{
    private readonly Stack<byte[]> _free;

    public BufferPool(int bufferSize, int maxBuffers)
    {
        if (bufferSize <= 0 || maxBuffers <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), "buffer size and count must be positive");
        }

        BufferSize = bufferSize;
        MaxBuffers = maxBuffers;
        _free = new Stack<byte[]>(Math.Min(maxBuffers, 1024));
    }

    public int BufferSize { get; }

    public int MaxBuffers { get; }

    /// <summary>Buffers made so far (rented plus free).</summary>
    public int Created { get; private set; }

    public int Outstanding => Created - _free.Count;

    public bool TryRent(out byte[] buffer)
    {
        if (_free.TryPop(out var b))
        {
            buffer = b;
            return true;
        }

        if (Created < MaxBuffers)
        {
            Created++;
            buffer = new byte[BufferSize];
            return true;
        }

        buffer = [];
        return false;
    }

    public void Return(byte[] buffer)
    {
        if (buffer.Length == BufferSize)
        {
            _free.Push(buffer);
        }
    }
}
