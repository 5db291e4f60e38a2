namespace EdgeSensor.Plant.Baselines;

/// <summary>Fixed-capacity table of relations; least recently seen evicted when full (counted).</summary>
public sealed class RelationTable
{
    private readonly Dictionary<RelationKey, int> _index;
    private readonly Relation[] _slots;
    private readonly IcsRelationDetail[] _details;
    private readonly Stack<int> _freeDetails;
    private int _count;
    private int _detailsUsed;

    public RelationTable(int capacity, int icsCapacity = -1)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "relation capacity must be positive");
        }

        _index = new Dictionary<RelationKey, int>(capacity);
        _slots = new Relation[capacity];
        _details = new IcsRelationDetail[icsCapacity > 0 ? icsCapacity : Math.Max(1, capacity / 4)];
        _freeDetails = new Stack<int>();
    }

    /// <summary>ICS details in use, and relations that carried ICS but found the detail table full (counted, not kept).</summary>
    public int IcsDetailCount => _detailsUsed - _freeDetails.Count;

    public long IcsDetailsRefused { get; private set; }

    /// <summary>The ICS detail of a relation, made on first need; false when the detail table is full.</summary>
    public bool TryGetIcsDetail(int relation, bool create, out int detail)
    {
        ref Relation r = ref _slots[relation];
        if (r.IcsDetail > 0)
        {
            detail = r.IcsDetail - 1;
            return true;
        }

        detail = -1;
        if (!create)
        {
            return false;
        }

        if (_freeDetails.TryPop(out int free))
        {
            detail = free;
        }
        else if (_detailsUsed < _details.Length)
        {
            detail = _detailsUsed++;
        }
        else
        {
            IcsDetailsRefused++;
            return false;
        }

        _details[detail] = default;
        r.IcsDetail = detail + 1;
        return true;
    }

    public ref IcsRelationDetail Detail(int detail) => ref _details[detail];

    /// <summary>A copy of a relation's ICS detail (empty for an IT relation): for reports.</summary>
    public IcsRelationDetail DetailOf(in Relation r) => r.IcsDetail > 0 ? _details[r.IcsDetail - 1] : default;

    /// <summary>The details in use, for saving.</summary>
    public ReadOnlySpan<IcsRelationDetail> Details => _details.AsSpan(0, _detailsUsed);

    private void FreeDetail(ref Relation r)
    {
        if (r.IcsDetail > 0)
        {
            _freeDetails.Push(r.IcsDetail - 1);
            r.IcsDetail = 0;
        }
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
            index = Tables.LeastRecentlySeen.Index<Relation>(_slots);

            _index.Remove(_slots[index].Key);
            FreeDetail(ref _slots[index]);
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
                FreeDetail(ref _slots[i]);
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

    public void Load(ReadOnlySpan<Relation> relations, ReadOnlySpan<IcsRelationDetail> details)
    {
        if (relations.Length > _slots.Length || details.Length > _details.Length)
        {
            throw new InvalidDataException($"saved state holds {relations.Length} relations ({details.Length} ICS), more than the capacity {_slots.Length} ({_details.Length})");
        }

        foreach (var r in relations)
        {
            if (r.IcsDetail < 0 || r.IcsDetail > details.Length)
            {
                throw new InvalidDataException("a relation points at an ICS detail that is not in the file");
            }
        }

        _index.Clear();
        Generation++;
        relations.CopyTo(_slots);
        details.CopyTo(_details);
        _detailsUsed = details.Length;
        _freeDetails.Clear();
        _count = relations.Length;
        for (int i = 0; i < _count; i++)
        {
            _index[_slots[i].Key] = i;
        }
    }
}
