using Microsoft.Win32.SafeHandles;

namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// The sensor's disk-backed outbox: every finding is appended to a segment file and fsync'd before the publisher may
/// send it, and leaves only when the publisher acknowledges it (or when it is dropped to stay under
/// <see cref="OutboxOptions.MaxBytes"/>, lowest severity and oldest first). Removals go to an fsync'd journal, so after
/// a restart exactly the pending records come back, in order, with their sequences. Format: README.md beside this file.
/// </summary>
/// <remarks>
/// One lock guards everything: appends come from detection, reads and acknowledgements from the publisher's task,
/// and findings are rare, so a disk write under the lock is fine. Only the index lives in memory; payloads are read
/// back from disk when the publisher asks for them.
/// </remarks>
public sealed partial class DiskOutbox : IOutbox
{
    private const int CompactAfterEntries = 1024;

    private readonly Lock _gate = new();
    private readonly OutboxOptions _options;
    private readonly SortedDictionary<long, PendingEntry> _pending = [];
    private readonly SortedSet<(byte Severity, long Sequence)> _dropOrder = [];
    private readonly SortedDictionary<long, OutboxSegment> _segments = [];
    private readonly SequenceRanges _removedAboveFloor = new();
    private readonly long[] _droppedByBand = new long[SeverityBands.Count];
    private AckJournal _journal;
    private OutboxSegment? _active;
    private FileStream? _activeStream;
    private long _nextSequence = 1;
    private long _bytes;
    private long _diskBytes;
    private long _dropped;
    private bool _disposed;

    /// <summary>Opens (or creates) the outbox in <see cref="OutboxOptions.Directory"/>, recovering what is pending there.</summary>
    public DiskOutbox(OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRecordBytes, RecordFrame.FixedBytes + 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SegmentBytes, options.MaxRecordBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytes, options.MaxRecordBytes);
        _options = options;
        _journal = Recover();
    }

    /// <inheritdoc />
    public event Action<OutboxDrop>? RecordDropped;

    /// <inheritdoc />
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <inheritdoc />
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <inheritdoc />
    public long Dropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Bytes of all segment files, dead records included (at most about 2 x MaxBytes + 2 segments).</summary>
    public long DiskBytes
    {
        get
        {
            lock (_gate)
            {
                return _diskBytes;
            }
        }
    }

    /// <summary>Segment files on disk now (for tests and the status page).</summary>
    public int SegmentCount
    {
        get
        {
            lock (_gate)
            {
                return _segments.Count;
            }
        }
    }

    /// <inheritdoc />
    public long DroppedIn(OutboxSeverityBand band)
    {
        lock (_gate)
        {
            return (uint)band < (uint)_droppedByBand.Length ? _droppedByBand[(int)band] : 0;
        }
    }

    /// <inheritdoc />
    /// <remarks>Returns 0 for a record dropped on arrival (it never got a sequence). Throws on a record larger than <see cref="OutboxOptions.MaxRecordBytes"/>.</remarks>
    public long Append(OutboxRecord record)
    {
        _ = TryAppend(record, out long sequence);
        return sequence;
    }

    /// <inheritdoc />
    public bool TryAppend(OutboxRecord record, out long sequence)
    {
        ArgumentNullException.ThrowIfNull(record);
        List<OutboxDrop> drops = [];
        bool stored;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            byte[] frame = RecordFrame.Encode(_nextSequence, record);
            if (frame.Length > _options.MaxRecordBytes)
            {
                throw new ArgumentException($"Record of {frame.Length} bytes framed exceeds the outbox's limit of {_options.MaxRecordBytes}.", nameof(record));
            }

            if (MakeRoom(frame.Length, record.Severity, drops))
            {
                // Consumed only once stored; a new segment is named after it.
                sequence = _nextSequence;
                WriteFrame(sequence, frame, record.Severity);
                _nextSequence++;
                ReclaimDisk();
                stored = true;
            }
            else
            {
                sequence = 0;
                CountDrop(new OutboxDrop(0, record.Severity, SeverityBands.Of(record.Severity), OutboxDropReason.Full), drops);
                stored = false;
            }
        }

        Raise(drops);
        return stored;
    }

    /// <inheritdoc />
    public bool TryPeek(out OutboxItem item)
    {
        IReadOnlyList<OutboxItem> items = ReadPending(1);
        item = items.Count > 0 ? items[0] : default;
        return items.Count > 0;
    }

    /// <inheritdoc />
    public IReadOnlyList<OutboxItem> ReadPending(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        List<OutboxDrop> drops = [];
        List<OutboxItem> items;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            items = new List<OutboxItem>(Math.Min(max, _pending.Count));
            List<(long Sequence, byte Severity)>? corrupt = null;
            OutboxSegment? open = null;
            SafeFileHandle? handle = null;
            try
            {
                foreach ((long sequence, PendingEntry entry) in _pending)
                {
                    if (items.Count == max)
                    {
                        break;
                    }

                    if (!ReferenceEquals(open, entry.Segment))
                    {
                        handle?.Dispose();
                        handle = null;
                        open = entry.Segment;
                    }

                    if (TryReadRecord(ref handle, sequence, entry, out OutboxRecord? record))
                    {
                        items.Add(new OutboxItem(sequence, record));
                    }
                    else
                    {
                        (corrupt ??= []).Add((sequence, entry.Severity));
                    }
                }
            }
            finally
            {
                handle?.Dispose();
            }

            if (corrupt is not null)
            {
                Remove(corrupt, JournalEntryKind.Dropped);
                foreach ((long sequence, byte severity) in corrupt)
                {
                    CountDrop(new OutboxDrop(sequence, severity, SeverityBands.Of(severity), OutboxDropReason.Corrupt), drops);
                }
            }
        }

        Raise(drops);
        return items;
    }

    /// <inheritdoc />
    public bool Acknowledge(long sequence)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_pending.TryGetValue(sequence, out PendingEntry entry))
            {
                return false;
            }

            Remove([(sequence, entry.Severity)], JournalEntryKind.Acknowledged);
            return true;
        }
    }

    /// <summary>Closes the files; pending records stay on disk for the next open.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _activeStream?.Dispose();
            _journal.Dispose();
        }
    }

    private bool TryReadRecord(ref SafeFileHandle? handle, long sequence, PendingEntry entry, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OutboxRecord? record)
    {
        record = null;
        var frame = new byte[entry.FrameLength];
        FrameStatus status;
        try
        {
            handle ??= File.OpenHandle(entry.Segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            int read = 0;
            while (read < frame.Length)
            {
                int n = RandomAccess.Read(handle, frame.AsSpan(read), entry.Offset + read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            status = RecordFrame.TryReadHeader(frame.AsSpan(0, read), _options.MaxRecordBytes, out int length, out long onDisk, out _);
            if (status == FrameStatus.Ok && (onDisk != sequence || length != frame.Length))
            {
                status = FrameStatus.BadFields;
            }
        }
        catch (IOException ex)
        {
            _options.Log?.Invoke($"outbox: cannot read {entry.Segment.Path} at offset {entry.Offset}: {ex.Message}; record {sequence} dropped");
            return false;
        }

        if (status != FrameStatus.Ok)
        {
            _options.Log?.Invoke($"outbox: {Describe(status)} reading {entry.Segment.Path} at offset {entry.Offset}; record {sequence} dropped");
            return false;
        }

        record = RecordFrame.Decode(frame);
        return true;
    }

    private void CountDrop(OutboxDrop drop, List<OutboxDrop> drops)
    {
        _dropped++;
        _droppedByBand[(int)drop.Band]++;
        drops.Add(drop);
    }

    private void Raise(List<OutboxDrop> drops)
    {
        Action<OutboxDrop>? handler = RecordDropped;
        if (handler is null)
        {
            return;
        }

        foreach (OutboxDrop drop in drops)
        {
            handler(drop);
        }
    }

    private static string Describe(FrameStatus status) => status switch
    {
        FrameStatus.Truncated => "truncated record",
        FrameStatus.BadMagic => "bad magic",
        FrameStatus.BadLength => "bad length",
        FrameStatus.BadCrc => "CRC mismatch",
        FrameStatus.BadFields => "inconsistent fields",
        _ => "unexpected record state",
    };
}
