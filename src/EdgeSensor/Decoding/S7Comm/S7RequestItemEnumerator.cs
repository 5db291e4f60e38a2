namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// Zero-allocation enumerator over request items (variable specifications) packed back to back, each
/// 2 + its length byte long. Stops after <c>count</c> items or at the first item that does not fit, and
/// then reports <see cref="Truncated"/>. Each step consumes at least 2 bytes, so it always ends.
/// </summary>
public ref struct S7RequestItemEnumerator
{
    private readonly ReadOnlySpan<byte> _items;
    private readonly int _count;
    private int _offset;
    private int _index;
    private S7RequestItem _current;

    /// <param name="items">The bytes holding the items (e.g. the read-var parameter after function and count).</param>
    /// <param name="count">The announced item count.</param>
    public S7RequestItemEnumerator(ReadOnlySpan<byte> items, int count)
    {
        _items = items;
        _count = count;
        _offset = 0;
        _index = 0;
        _current = default;
        Truncated = false;
    }

    /// <summary>The item at the current position.</summary>
    public readonly S7RequestItem Current => _current;

    /// <summary>Zero-based index of <see cref="Current"/>.</summary>
    public readonly int Index => _index - 1;

    /// <summary>True when an announced item did not fit in the bytes given.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Bytes consumed by the items read so far.</summary>
    public readonly int Consumed => _offset;

    public readonly S7RequestItemEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_index >= _count || Truncated)
        {
            return false;
        }

        int remaining = _items.Length - _offset;
        // The head (specification type, length) must be present before the length byte can be read.
        if (remaining < 2)
        {
            Truncated = true;
            return false;
        }

        int itemLength = 2 + _items[_offset + 1];
        if (itemLength > remaining)
        {
            Truncated = true;
            return false;
        }

        _current = new S7RequestItem(_items.Slice(_offset, itemLength));
        _offset += itemLength;
        _index++;
        return true;
    }
}
