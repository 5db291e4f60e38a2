using System.Buffers.Binary;

namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// The acknowledgement journal <c>acks.log</c>: which sequences have left the outbox. Fixed 16-byte entries,
/// little-endian:
/// <code>
/// offset size field
///  0      2   magic 0x4A45 ("EJ")
///  2      1   kind (JournalEntryKind: 1 acknowledged, 2 dropped, 3 floor, 4/5 first/last of a removed range)
///  3      1   severity of a dropped record, else 0
///  4      8   sequence
/// 12      4   CRC-32/IEEE of bytes 0-11
/// </code>
/// Entries are appended and fsync'd before the outbox forgets a record. A compaction writes a Floor entry (every
/// sequence below it is gone) and the removed sequences above it, as ranges, to <c>acks.tmp</c>, fsyncs it and renames it over
/// <c>acks.log</c>: either file, old or new, gives the same answer, so a power cut during it loses nothing.
/// </summary>
internal sealed class AckJournal : IDisposable
{
    public const string FileName = "acks.log";
    public const string TempFileName = "acks.tmp";
    public const int EntryBytes = 16;
    private const ushort Magic = 0x4A45;

    private readonly string _directory;
    private readonly string _path;
    private FileStream _stream;

    private AckJournal(string directory, FileStream stream)
    {
        _directory = directory;
        _path = Path.Combine(directory, FileName);
        _stream = stream;
    }

    /// <summary>Entries in the file now (those a compaction would shrink).</summary>
    public long Entries { get; private set; }

    /// <summary>
    /// Reads the journal in <paramref name="directory"/>: the highest floor, and every sequence marked removed.
    /// A torn or corrupt tail is reported and ignored; the caller compacts right after, which drops it from disk.
    /// </summary>
    public static (long Floor, SequenceRanges Removed) Read(string directory, Action<string>? log)
    {
        string path = Path.Combine(directory, FileName);
        var removed = new SequenceRanges();
        long? rangeFirst = null;
        long floor = 0;
        if (!File.Exists(path))
        {
            return (floor, removed);
        }

        byte[] bytes = File.ReadAllBytes(path);
        int at = 0;
        for (; at + EntryBytes <= bytes.Length; at += EntryBytes)
        {
            ReadOnlySpan<byte> e = bytes.AsSpan(at, EntryBytes);
            if (BinaryPrimitives.ReadUInt16LittleEndian(e) != Magic
                || Crc32.Compute(e[..12]) != BinaryPrimitives.ReadUInt32LittleEndian(e[12..]))
            {
                break;
            }

            long sequence = BinaryPrimitives.ReadInt64LittleEndian(e[4..]);
            var kind = (JournalEntryKind)e[2];
            if (kind == JournalEntryKind.RangeLast && rangeFirst is long first)
            {
                removed.AddRange(first, sequence);
            }

            rangeFirst = kind == JournalEntryKind.RangeFirst ? sequence : null;
            switch (kind)
            {
                case JournalEntryKind.Acknowledged:
                case JournalEntryKind.Dropped:
                    removed.Add(sequence);
                    break;
                case JournalEntryKind.Floor:
                    floor = Math.Max(floor, sequence);
                    break;
                case JournalEntryKind.RangeFirst:
                case JournalEntryKind.RangeLast:
                    break;
                default:
                    log?.Invoke($"outbox: unknown journal entry kind {e[2]} in {path} at offset {at}; skipped");
                    break;
            }
        }

        if (at != bytes.Length)
        {
            log?.Invoke($"outbox: corrupt journal tail in {path} at offset {at}; {bytes.Length - at} bytes ignored");
        }

        return (floor, removed);
    }

    /// <summary>Writes a fresh journal holding <paramref name="floor"/> and <paramref name="removedAboveFloor"/>, atomically, and opens it for appends.</summary>
    public static AckJournal Create(string directory, long floor, SequenceRanges removedAboveFloor)
    {
        var journal = new AckJournal(directory, WriteCompacted(directory, floor, removedAboveFloor, out long entries));
        journal.Entries = entries;
        return journal;
    }

    /// <summary>Appends one entry per sequence and fsyncs once.</summary>
    public void Append(JournalEntryKind kind, ReadOnlySpan<(long Sequence, byte Severity)> entries)
    {
        if (entries.IsEmpty)
        {
            return;
        }

        var buffer = new byte[entries.Length * EntryBytes];
        for (int i = 0; i < entries.Length; i++)
        {
            WriteEntry(buffer.AsSpan(i * EntryBytes, EntryBytes), kind, entries[i].Severity, entries[i].Sequence);
        }

        long end = _stream.Length;
        try
        {
            _stream.Position = end;
            _stream.Write(buffer);
            _stream.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // Entries are read in 16-byte steps up to the first bad one: a torn entry left here would hide every later one.
            try
            {
                _stream.SetLength(end);
            }
            catch (IOException)
            {
            }

            throw;
        }

        Entries += entries.Length;
    }

    /// <summary>Replaces the journal with a compact one (temp file, fsync, rename, directory fsync).</summary>
    public void Compact(long floor, SequenceRanges removedAboveFloor)
    {
        _stream.Dispose();
        _stream = WriteCompacted(_directory, floor, removedAboveFloor, out long entries);
        Entries = entries;
    }

    public void Dispose() => _stream.Dispose();

    private static FileStream WriteCompacted(string directory, long floor, SequenceRanges removedAboveFloor, out long entries)
    {
        string temp = Path.Combine(directory, TempFileName);
        string path = Path.Combine(directory, FileName);
        entries = 0;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
        {
            Span<byte> entry = stackalloc byte[EntryBytes];
            WriteEntry(entry, JournalEntryKind.Floor, 0, floor);
            stream.Write(entry);
            entries++;
            foreach ((long first, long last) in removedAboveFloor.Ranges)
            {
                if (first == last)
                {
                    WriteEntry(entry, JournalEntryKind.Acknowledged, 0, first);
                    stream.Write(entry);
                    entries++;
                    continue;
                }

                WriteEntry(entry, JournalEntryKind.RangeFirst, 0, first);
                stream.Write(entry);
                WriteEntry(entry, JournalEntryKind.RangeLast, 0, last);
                stream.Write(entry);
                entries += 2;
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(directory);
        var appender = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        appender.Seek(0, SeekOrigin.End);
        return appender;
    }

    private static void WriteEntry(Span<byte> entry, JournalEntryKind kind, byte severity, long sequence)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(entry, Magic);
        entry[2] = (byte)kind;
        entry[3] = severity;
        BinaryPrimitives.WriteInt64LittleEndian(entry[4..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], Crc32.Compute(entry[..12]));
    }
}
