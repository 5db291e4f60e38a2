namespace EdgeSensor.Publishing.Outbox;

/// <summary>Opening the folder: the journal says what is gone, the segments say what was written.</summary>
public sealed partial class DiskOutbox
{
    private AckJournal Recover()
    {
        string directory = _options.Directory;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, AckJournal.TempFileName);
        if (File.Exists(temp))
        {
            File.Delete(temp); // a compaction cut short: acks.log is still the whole truth
        }

        (long floor, HashSet<long> removed) = AckJournal.Read(directory, _options.Log);
        List<(long Id, string Path)> files = [];
        foreach (string path in Directory.EnumerateFiles(directory, OutboxSegment.Prefix + "*" + OutboxSegment.Suffix))
        {
            if (OutboxSegment.TryParseId(Path.GetFileName(path), out long id))
            {
                files.Add((id, path));
            }
        }

        files.Sort((a, b) => a.Id.CompareTo(b.Id));
        long highest = Math.Max(floor - 1, 0);
        foreach (long sequence in removed)
        {
            highest = Math.Max(highest, sequence);
        }

        for (int i = 0; i < files.Count; i++)
        {
            highest = Math.Max(highest, ScanSegment(files[i].Id, files[i].Path, isLast: i == files.Count - 1, floor, removed));
        }

        _nextSequence = highest + 1;
        foreach (long sequence in removed)
        {
            if (sequence > Floor)
            {
                _removedAboveFloor.Add(sequence);
            }
        }

        AckJournal journal = AckJournal.Create(directory, Floor, _removedAboveFloor);

        OutboxSegment? last = _segments.Count > 0 ? _segments.Values.Last() : null;
        foreach (OutboxSegment segment in _segments.Values.ToList())
        {
            if (segment.Live == 0 && !ReferenceEquals(segment, last))
            {
                DeleteSegment(segment);
            }
        }

        if (last is not null)
        {
            _active = last;
            _activeStream = new FileStream(last.Path, FileMode.Open, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
            _activeStream.Position = last.Length;
        }

        _journal = journal;
        if (_bytes > _options.MaxBytes)
        {
            // The limit was lowered since the last run: drop as if a record of the highest severity were arriving.
            _ = MakeRoom(0, byte.MaxValue, []);
        }

        return journal;
    }

    /// <summary>
    /// Indexes a segment's valid frames and stops at the first bad one: a power cut leaves a torn record or garbage
    /// only at the end. The last segment is truncated there (it is appended to next); an earlier one is left as is
    /// and its bytes past that point ignored. Returns the highest sequence seen (or the segment's id - 1).
    /// </summary>
    private long ScanSegment(long id, string path, bool isLast, long floor, HashSet<long> removed)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var segment = new OutboxSegment(id, path, 0);
        _segments.Add(id, segment);
        long previous = id - 1;
        int at = 0;
        while (at < bytes.Length)
        {
            FrameStatus status = RecordFrame.TryReadHeader(bytes.AsSpan(at), _options.MaxRecordBytes, out int length, out long sequence, out byte severity);
            string? problem = status == FrameStatus.Ok
                ? (sequence <= previous ? $"sequence {sequence} out of order" : null)
                : Describe(status);
            if (problem is not null)
            {
                _options.Log?.Invoke($"outbox: {problem} in {path} at offset {at}; {bytes.Length - at} bytes after it {(isLast ? "truncated" : "ignored")}");
                break;
            }

            previous = sequence;
            if (sequence >= floor && !removed.Contains(sequence) && !_pending.ContainsKey(sequence))
            {
                _pending.Add(sequence, new PendingEntry(segment, at, length, severity));
                _dropOrder.Add((severity, sequence));
                _bytes += length;
                segment.Live++;
            }

            at += length;
        }

        segment.Length = at;
        if (isLast && at < bytes.Length)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(at);
            stream.Flush(flushToDisk: true);
        }

        return previous;
    }
}
