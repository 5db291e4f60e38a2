using System.Runtime.InteropServices;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Pipeline;

/// <summary>
/// Fixed-capacity table of ICS flows: a pre-sized dictionary from key to slot, slots in one array updated by ref.
/// When full, the least recently seen flow is evicted; flows idle past the timeout are swept periodically.
/// </summary>
public sealed class FlowTable
{
    private readonly Dictionary<FlowKey, int> _index;
    private readonly IcsFlow[] _slots;
    private readonly Stack<int> _free;

    public FlowTable(int capacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "flow capacity must be positive");
        }

        _index = new Dictionary<FlowKey, int>(capacity);
        _slots = new IcsFlow[capacity];
        _free = new Stack<int>(capacity);
        for (int i = capacity - 1; i >= 0; i--)
        {
            _free.Push(i);
        }
    }

    public int Count => _index.Count;

    public int Capacity => _slots.Length;

    public ref IcsFlow this[int slot] => ref _slots[slot];

    public bool TryFind(in FlowKey key, out int slot) => _index.TryGetValue(key, out slot);

    /// <summary>Takes a free slot for <paramref name="key"/>; the caller must have evicted if <see cref="Count"/> equals <see cref="Capacity"/>.</summary>
    public int Add(in FlowKey key)
    {
        int slot = _free.Pop();
        _index.Add(key, slot);
        ref IcsFlow flow = ref _slots[slot];
        flow = default;
        flow.Key = key;
        flow.InUse = true;
        return slot;
    }

    public void Remove(int slot)
    {
        ref IcsFlow flow = ref _slots[slot];
        _index.Remove(flow.Key);
        flow = default;
        _free.Push(slot);
    }

    /// <summary>The slot of the flow seen least recently (a linear scan, done only when the table is full).</summary>
    public int LeastRecentlySeen() => Tables.LeastRecentlySeen.Index<IcsFlow>(_slots);

    /// <summary>Slots idle since before <paramref name="cutoff"/>, written into <paramref name="into"/>; returns how many.</summary>
    public int CollectIdle(long cutoff, Span<int> into)
    {
        int n = 0;
        var slots = _slots.AsSpan();
        for (int i = 0; i < slots.Length && n < into.Length; i++)
        {
            if (slots[i].InUse && slots[i].LastSeen < cutoff)
            {
                into[n++] = i;
            }
        }

        return n;
    }

    internal Span<IcsFlow> Slots => MemoryMarshal.CreateSpan(ref _slots[0], _slots.Length);
}
