namespace EdgeSensor.Plant.Baselines;

/// <summary>Fixed-capacity table of relations; least recently seen evicted when full (counted).</summary>
public sealed class RelationTable
{
    private readonly Dictionary<RelationKey, int> _index;
    private readonly Relation[] _slots;
    private int _count;

    public RelationTable(int capacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "relation capacity must be positive");
        }

        _index = new Dictionary<RelationKey, int>(capacity);
        _slots = new Relation[capacity];
    }

    public int Count => _count;

    public long Evicted { get; private set; }

    /// <summary>Changes whenever a slot is reused or moved, so cached relation indices can be checked.</summary>
    public int Generation { get; private set; }

    public ref Relation this[int index] => ref _slots[index];

    public Span<Relation> AsSpan() => _slots.AsSpan(0, _count);

    public int GetOrAdd(in RelationKey key, long now, out bool added)
    {
        if (_index.TryGetValue(key, out int index))
        {
            added = false;
            return index;
        }

        added = true;
        if (_count < _slots.Length)
        {
            index = _count++;
        }
        else
        {
            index = 0;
            long oldest = long.MaxValue;
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].LastSeen < oldest)
                {
                    oldest = _slots[i].LastSeen;
                    index = i;
                }
            }

            _index.Remove(_slots[index].Key);
            Evicted++;
            Generation++;
        }

        _index.Add(key, index);
        ref Relation r = ref _slots[index];
        r = default;
        r.Key = key;
        r.FirstSeen = now;
        r.LastSeen = now;
        return index;
    }

    public bool TryFind(in RelationKey key, out int index) => _index.TryGetValue(key, out index);

    /// <summary>Drops every relation of a device whose slot was reused.</summary>
    public void RemoveDevice(int device)
    {
        Generation++;
        for (int i = _count - 1; i >= 0; i--)
        {
            if (_slots[i].Key.Client == device || _slots[i].Key.Server == device)
            {
                _index.Remove(_slots[i].Key);
                int last = --_count;
                if (i != last)
                {
                    _slots[i] = _slots[last];
                    _index[_slots[i].Key] = i;
                }

                _slots[last] = default;
            }
        }
    }

    public void Load(ReadOnlySpan<Relation> relations)
    {
        if (relations.Length > _slots.Length)
        {
            throw new InvalidDataException($"saved state holds {relations.Length} relations, more than the capacity {_slots.Length}");
        }

        _index.Clear();
        Generation++;
        relations.CopyTo(_slots);
        _count = relations.Length;
        for (int i = 0; i < _count; i++)
        {
            _index[_slots[i].Key] = i;
        }
    }
}
