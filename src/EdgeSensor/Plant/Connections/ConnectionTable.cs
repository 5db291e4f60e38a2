using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Plant.Connections;

/// <summary>
/// Fixed-capacity table of every TCP/UDP conversation, updated in place. When full, the least recently seen is
/// evicted; idle ones are swept. Both are counted.
/// </summary>
public sealed class ConnectionTable
{
    private readonly Dictionary<FlowKey, int> _index;
    private readonly Connection[] _slots;
    private readonly Stack<int> _free;

    public ConnectionTable(int capacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "connection capacity must be positive");
        }

        _index = new Dictionary<FlowKey, int>(capacity);
        _slots = new Connection[capacity];
        _free = new Stack<int>(capacity);
        for (int i = capacity - 1; i >= 0; i--)
        {
            _free.Push(i);
        }
    }

    public int Count => _index.Count;

    public int Capacity => _slots.Length;

    public long EvictedForCapacity { get; private set; }

    public ref Connection this[int slot] => ref _slots[slot];

    public Span<Connection> Slots => _slots;

    public bool TryFind(in FlowKey key, out int slot) => _index.TryGetValue(key, out slot);

    /// <summary>Adds a connection; the caller makes room first when <see cref="Count"/> equals <see cref="Capacity"/>.</summary>
    public int Add(in FlowKey key, long now)
    {
        int slot = _free.Pop();
        _index.Add(key, slot);
        ref Connection c = ref _slots[slot];
        c = default;
        c.Key = key;
        c.InUse = true;
        c.FirstSeen = now;
        c.LastSeen = now;
        c.Relation = -1;
        return slot;
    }

    /// <summary>The slot seen least recently (a scan, only when the table is full).</summary>
    public int LeastRecentlySeen() => Math.Max(0, Tables.LeastRecentlySeen.Index<Connection>(_slots));

    public void CountEviction() => EvictedForCapacity++;

    public void Remove(int slot)
    {
        ref Connection c = ref _slots[slot];
        if (!c.InUse)
        {
            return;
        }

        _index.Remove(c.Key);
        c = default;
        _free.Push(slot);
    }
}
