using Microsoft.Win32.SafeHandles;

namespace EdgeSensor.Publishing.Outbox;

/// <summary>Writing frames, removing records, rolling and deleting segments. Every method here runs under the lock.</summary>
public sealed partial class DiskOutbox
{
    private long Floor => _pending.Count > 0 ? _pending.Keys.First() : _nextSequence;

    /// <summary>
    /// Drops the lowest-severity, oldest pending records until <paramref name="frameLength"/> more bytes fit. The
    /// incoming record competes too, as the newest: if it would be dropped before enough room is found (a record of
    /// higher severity would have to go), nothing is dropped and the answer is false.
    /// </summary>
    private bool MakeRoom(long frameLength, byte incomingSeverity, List<OutboxDrop> drops)
    {
        long need = _bytes + frameLength - _options.MaxBytes;
        if (need <= 0)
        {
            return true;
        }

        List<(long Sequence, byte Severity)> victims = [];
        long freed = 0;
        foreach ((byte severity, long sequence) in _dropOrder)
        {
            if (severity > incomingSeverity)
            {
                return false;
            }

            victims.Add((sequence, severity));
            freed += _pending[sequence].FrameLength;
            if (freed >= need)
            {
                break;
            }
        }

        if (freed < need)
        {
            return false;
        }

        Remove(victims, JournalEntryKind.Dropped);
        foreach ((long sequence, byte severity) in victims)
        {
            CountDrop(new OutboxDrop(sequence, severity, SeverityBands.Of(severity), OutboxDropReason.Full), drops);
        }

        return true;
    }

    private void WriteFrame(long sequence, byte[] frame, byte severity)
    {
        long offset = WriteToActive(frame);
        _active!.Live++;
        _active.LiveBytes += frame.Length;
        _pending.Add(sequence, new PendingEntry(_active, offset, frame.Length, severity));
        _dropOrder.Add((severity, sequence));
        _bytes += frame.Length;
    }

    /// <summary>Appends bytes (whole frames) to the active segment, rolling first if they would not fit, and fsyncs; returns where they start.</summary>
    private long WriteToActive(byte[] frame)
    {
        if (_active is null || _activeStream is null || (_active.Length > 0 && _active.Length + frame.Length > _options.SegmentBytes))
        {
            Roll();
        }

        long offset = _active!.Length;
        try
        {
            _activeStream!.Position = offset;
            _activeStream.Write(frame);
            _activeStream.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // A partial frame would be cut off on the next open anyway; cutting it now keeps later appends readable.
            try
            {
                _activeStream!.SetLength(offset);
            }
            catch (IOException)
            {
            }

            throw;
        }

        _active.Length += frame.Length;
        _diskBytes += frame.Length;
        return offset;
    }

    private void Roll()
    {
        long id = _segments.Count > 0 ? Math.Max(_nextSequence, _segments.Keys.Last() + 1) : _nextSequence;
        if (_active is not null)
        {
            _activeStream?.Dispose();
            _activeStream = null;
            OutboxSegment sealedSegment = _active;
            _active = null;
            if (sealedSegment.Live == 0)
            {
                DeleteSegment(sealedSegment);
            }
        }

        string path = Path.Combine(_options.Directory, OutboxSegment.FileNameFor(id));
        _activeStream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        // The new file's name must be on disk before a record in it counts as stored.
        DirectorySync.Flush(_options.Directory);
        _active = new OutboxSegment(id, path, 0);
        _segments.Add(id, _active);
    }

    /// <summary>Journals the removal (fsync'd) first, then forgets the records, deletes emptied sealed segments and compacts the journal when it has grown.</summary>
    private void Remove(List<(long Sequence, byte Severity)> records, JournalEntryKind kind)
    {
        _journal.Append(kind, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(records));
        foreach ((long sequence, byte severity) in records)
        {
            PendingEntry entry = _pending[sequence];
            _pending.Remove(sequence);
            _dropOrder.Remove((severity, sequence));
            _bytes -= entry.FrameLength;
            _removedAboveFloor.Add(sequence);
            entry.Segment.Live--;
            entry.Segment.LiveBytes -= entry.FrameLength;
            if (entry.Segment.Live == 0 && !ReferenceEquals(entry.Segment, _active))
            {
                DeleteSegment(entry.Segment);
            }
        }

        long floor = Floor;
        _removedAboveFloor.RemoveBelow(floor);
        if (_journal.Entries > CompactAfterEntries && _journal.Entries > 2L * ((2 * _removedAboveFloor.RangeCount) + 1))
        {
            _journal.Compact(floor, _removedAboveFloor);
        }

        ReclaimDisk();
    }

    /// <summary>
    /// Keeps disk use near the pending bytes: a sealed segment stays while any of its records is pending, so old
    /// records kept (high severity) could pin many mostly dead segments. While the files take more than MaxBytes plus
    /// two segments, the sealed segment with the fewest live bytes, if less than half live, has its live frames copied
    /// (bytes unchanged: same sequence and CRC) to the active segment, fsync'd, and is deleted. Then disk use stays
    /// under about 2 x MaxBytes + 2 segments. A power cut between copy and delete leaves two identical copies; the
    /// first one found is kept on recovery.
    /// </summary>
    private void ReclaimDisk()
    {
        long allowance = _options.MaxBytes + (2L * _options.SegmentBytes);
        while (_diskBytes > allowance)
        {
            OutboxSegment? sparsest = null;
            foreach (OutboxSegment segment in _segments.Values)
            {
                if (!ReferenceEquals(segment, _active) && segment.LiveBytes * 2 < segment.Length && (sparsest is null || segment.LiveBytes < sparsest.LiveBytes))
                {
                    sparsest = segment;
                }
            }

            if (sparsest is null)
            {
                return;
            }

            CopyForward(sparsest);
        }
    }

    private void CopyForward(OutboxSegment segment)
    {
        List<(long Sequence, PendingEntry Entry)> moving = [];
        foreach ((long sequence, PendingEntry entry) in _pending)
        {
            if (ReferenceEquals(entry.Segment, segment))
            {
                moving.Add((sequence, entry));
            }
        }

        var frames = new byte[segment.LiveBytes];
        using (SafeFileHandle handle = File.OpenHandle(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            int at = 0;
            foreach ((_, PendingEntry entry) in moving)
            {
                int read = RandomAccess.Read(handle, frames.AsSpan(at, entry.FrameLength), entry.Offset);
                if (read != entry.FrameLength)
                {
                    // The file is shorter than the index says: leave it; reading the record will report it.
                    return;
                }

                at += entry.FrameLength;
            }
        }

        // Less than half a segment: fits in the active one or a fresh one.
        long start = WriteToActive(frames);
        OutboxSegment target = _active!;
        long offset = start;
        foreach ((long sequence, PendingEntry entry) in moving)
        {
            _pending[sequence] = entry with { Segment = target, Offset = offset };
            offset += entry.FrameLength;
            target.Live++;
            target.LiveBytes += entry.FrameLength;
        }

        segment.Live = 0;
        segment.LiveBytes = 0;
        DeleteSegment(segment);
    }

    private void DeleteSegment(OutboxSegment segment)
    {
        _segments.Remove(segment.Id);
        _diskBytes -= segment.Length;
        try
        {
            File.Delete(segment.Path);
        }
        catch (IOException ex)
        {
            // Harmless: its records are journalled as removed, so it recovers empty and is deleted on the next open.
            _options.Log?.Invoke($"outbox: cannot delete {segment.Path}: {ex.Message}");
        }
    }
}
