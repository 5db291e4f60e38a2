namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// Zero-allocation enumerator of SZL data records: fixed-size slices of the record bytes. A record length of 0
/// yields nothing (it could not make progress); a partial last record is not yielded.
/// </summary>
public ref struct S7SzlRecordEnumerator
{
    private readonly ReadOnlySpan<byte> _records;
    private readonly int _recordLength;
    private readonly int _recordCount;
    private int _index;
    private ReadOnlySpan<byte> _current;

    public S7SzlRecordEnumerator(ReadOnlySpan<byte> records, int recordLength, int recordCount)
    {
        _records = records;
        _recordLength = recordLength;
        _recordCount = recordCount;
        _index = 0;
        _current = default;
    }

    /// <summary>The current record.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Zero-based index of <see cref="Current"/>.</summary>
    public readonly int Index => _index - 1;

    public readonly S7SzlRecordEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_recordLength <= 0 || _index >= _recordCount)
        {
            return false;
        }

        long start = (long)_index * _recordLength;
        if (start + _recordLength > _records.Length)
        {
            return false;
        }

        _current = _records.Slice((int)start, _recordLength);
        _index++;
        return true;
    }
}
