namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// A set of sequences kept as sorted, disjoint, non-adjacent inclusive ranges: what the outbox has removed above its
/// oldest pending record. Acknowledgements come mostly in order and drops in runs, so a handful of ranges stand for
/// thousands of sequences, in memory and in the compacted journal.
/// </summary>
internal sealed class SequenceRanges
{
    private readonly List<(long First, long Last)> _ranges = [];

    public int RangeCount => _ranges.Count;

    public IReadOnlyList<(long First, long Last)> Ranges => _ranges;

    public bool Contains(long sequence)
    {
        int i = IndexAtOrBefore(sequence);
        return i >= 0 && sequence <= _ranges[i].Last;
    }

    public void Add(long sequence) => AddRange(sequence, sequence);

    public void AddRange(long first, long last)
    {
        if (last < first)
        {
            return;
        }

        // Merge with every range that overlaps or touches [first, last].
        int i = IndexAtOrBefore(first);
        if (i < 0 || _ranges[i].Last < first - 1)
        {
            i++;
        }

        int j = i;
        while (j < _ranges.Count && _ranges[j].First <= last + 1)
        {
            first = Math.Min(first, _ranges[j].First);
            last = Math.Max(last, _ranges[j].Last);
            j++;
        }

        _ranges.RemoveRange(i, j - i);
        _ranges.Insert(i, (first, last));
    }

    /// <summary>Forgets every sequence below <paramref name="floor"/>.</summary>
    public void RemoveBelow(long floor)
    {
        int drop = 0;
        while (drop < _ranges.Count && _ranges[drop].Last < floor)
        {
            drop++;
        }

        _ranges.RemoveRange(0, drop);
        if (_ranges.Count > 0 && _ranges[0].First < floor)
        {
            _ranges[0] = (floor, _ranges[0].Last);
        }
    }

    /// <summary>The index of the last range starting at or before <paramref name="sequence"/>, or -1.</summary>
    private int IndexAtOrBefore(long sequence)
    {
        int lo = 0;
        int hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (_ranges[mid].First <= sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return hi;
    }
}
