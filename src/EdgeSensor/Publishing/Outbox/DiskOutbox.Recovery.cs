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

        (long floor, SequenceRanges removed) = AckJournal.Read(directory, _options.Log);
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
        if (removed.RangeCount > 0)
        {
            highest = Math.Max(highest, removed.Ranges[^1].Last);
        }

        for (int i = 0; i < files.Count; i++)
        {
            highest = Math.Max(highest, ScanSegment(files[i].Id, files[i].Path, isLast: i == files.Count - 1, floor, removed));
        }

        _nextSequence = highest + 1;
        foreach ((long first, long final) in removed.Ranges)
        {
            _removedAboveFloor.AddRange(first, final);
        }

        _removedAboveFloor.RemoveBelow(Floor);

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

        ReclaimDisk();

        return journal;
    }

    /// <summary>
    /// Indexes a segment's valid frames. At a bad frame it looks ahead for the next intact one (magic, length, CRC and
    /// fields all check out): if there is one, the bad bytes were damaged in place and only they are
    /// skipped; if not, it is the tail a power cut leaves, and the last segment is truncated there (it is appended to
    /// next; an earlier one is left as is). One log line per problem, with the file and offset. Returns the highest
    /// sequence seen (or the segment's id - 1).
    /// </summary>
    private long ScanSegment(long id, string path, bool isLast, long floor, SequenceRanges removed)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var segment = new OutboxSegment(id, path, 0);
        _segments.Add(id, segment);
        long highest = id - 1;
        int at = 0;
        int end = 0;
        while (at < bytes.Length)
        {
            FrameStatus status = RecordFrame.TryReadHeader(bytes.AsSpan(at), _options.MaxRecordBytes, out int length, out long sequence, out byte severity);
            if (status == FrameStatus.Ok)
            {
                // Sequences rise within a segment except for records copied forward from an older one.
                highest = Math.Max(highest, sequence);
                if (sequence >= floor && !removed.Contains(sequence) && !_pending.ContainsKey(sequence))
                {
                    _pending.Add(sequence, new PendingEntry(segment, at, length, severity));
                    _dropOrder.Add((severity, sequence));
                    _bytes += length;
                    segment.Live++;
                    segment.LiveBytes += length;
                }

                at += length;
                end = at;
                continue;
            }

            string problem = Describe(status);
            int next = FindNextFrame(bytes, at + 1);
            if (next < 0)
            {
                _options.Log?.Invoke($"outbox: {problem} in {path} at offset {at}; {bytes.Length - at} bytes after it {(isLast ? "truncated" : "ignored")}");
                break;
            }

            _options.Log?.Invoke($"outbox: {problem} in {path} at offset {at}; {next - at} bytes skipped up to the next intact record");
            at = next;
        }

        segment.Length = end;
        _diskBytes += end;
        if (isLast && end < bytes.Length)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
        }

        return highest;
    }

    private int FindNextFrame(byte[] bytes, int from)
    {
        ReadOnlySpan<byte> magic = [RecordFrame.Magic & 0xFF, RecordFrame.Magic >> 8]; // little-endian on disk
        int at = from;
        while (at < bytes.Length)
        {
            int hit = bytes.AsSpan(at).IndexOf(magic);
            if (hit < 0)
            {
                return -1;
            }

            at += hit;
            if (RecordFrame.TryReadHeader(bytes.AsSpan(at), _options.MaxRecordBytes, out _, out _, out _) == FrameStatus.Ok)
            {
                return at;
            }

            at++;
        }

        return -1;
    }
}
