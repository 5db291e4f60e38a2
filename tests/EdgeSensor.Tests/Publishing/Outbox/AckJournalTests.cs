using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

public sealed class AckJournalTests : IDisposable
{
    private readonly OutboxFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_acknowledgement_entry_has_the_documented_layout()
    {
        Directory.CreateDirectory(_folder.Path);
        using (AckJournal journal = AckJournal.Create(_folder.Path, 42, new SequenceRanges()))
        {
            journal.Append(JournalEntryKind.Acknowledged, [(42L, (byte)0)]);
        }

        byte[] bytes = File.ReadAllBytes(Path.Combine(_folder.Path, "acks.log"));
        Assert.Equal(32, bytes.Length); // the floor a fresh journal starts with, then the entry
        Assert.Equal(
            [
                0x45, 0x4A,                                     // magic 0x4A45
                0x01,                                           // kind: acknowledged
                0x00,                                           // severity (drops only)
                0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // sequence 42
                0x44, 0x52, 0x86, 0x60,                         // CRC-32 0x60865244 of the 12 bytes above (zlib.crc32)
            ],
            bytes[16..]);
    }

    [Fact]
    public void Ranges_written_by_a_compaction_read_back_as_the_same_sequences()
    {
        Directory.CreateDirectory(_folder.Path);
        var removed = new SequenceRanges();
        removed.AddRange(10, 20);
        removed.Add(25);
        removed.AddRange(30, 31);
        using (AckJournal.Create(_folder.Path, 5, removed))
        {
        }

        (long floor, SequenceRanges read) = AckJournal.Read(_folder.Path, _folder.Log.Add);
        Assert.Equal(5, floor);
        Assert.Equal(removed.Ranges, read.Ranges);
        Assert.Empty(_folder.Log);
    }
}
