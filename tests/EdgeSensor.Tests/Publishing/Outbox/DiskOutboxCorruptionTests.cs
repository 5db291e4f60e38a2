using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

/// <summary>A power cut mid-write leaves a torn record, garbage or a bad CRC at the end of the last segment.</summary>
public sealed class DiskOutboxCorruptionTests : IDisposable
{
    private readonly OutboxFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Cutting_the_last_record_at_any_byte_keeps_every_earlier_record_and_the_outbox_keeps_working()
    {
        byte[] whole = WriteThreeRecords();
        int lastStart = whole.Length - OutboxFolder.FrameBytes;
        for (int cut = lastStart; cut < whole.Length; cut++)
        {
            _folder.Log.Clear();
            File.WriteAllBytes(_folder.Segments()[0], whole.AsSpan(0, cut).ToArray());

            using (DiskOutbox outbox = _folder.Open())
            {
                Assert.Equal(Expected(2), outbox.ReadPending(10));
                if (cut > lastStart)
                {
                    string line = Assert.Single(_folder.Log);
                    Assert.Contains(_folder.Segments()[0], line, StringComparison.Ordinal);
                    Assert.Contains($"at offset {lastStart}", line, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Empty(_folder.Log);
                }

                Assert.Equal(lastStart, new FileInfo(_folder.Segments()[0]).Length);
                Assert.Equal(3, outbox.Append(OutboxFolder.Record(7)));
            }

            using DiskOutbox reopened = _folder.Open();
            Assert.Equal([.. Expected(2), new OutboxItem(3, OutboxFolder.Record(7))], reopened.ReadPending(10));
        }
    }

    [Fact]
    public void Cutting_the_segment_anywhere_keeps_exactly_the_whole_records_before_the_cut()
    {
        byte[] whole = WriteThreeRecords();
        for (int cut = 0; cut <= whole.Length; cut++)
        {
            File.WriteAllBytes(_folder.Segments()[0], whole.AsSpan(0, cut).ToArray());
            int kept = cut / OutboxFolder.FrameBytes;
            using DiskOutbox outbox = _folder.Open();
            Assert.Equal(Expected(kept), outbox.ReadPending(10));
            Assert.Equal(kept + 1, outbox.Append(OutboxFolder.Record(kept + 1)));
            Assert.Equal(Expected(kept + 1), outbox.ReadPending(10));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x45, 0x4F, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4, 5, 6, 7, 8 })] // magic + huge length
    [InlineData(new byte[] { 0x45, 0x4F, 0x30, 0x00, 0x00, 0x00, 0xDE, 0xAD, 0xBE, 0xEF })] // magic + plausible length, then nothing
    [InlineData(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF })]
    public void Garbage_after_the_last_record_is_cut_off(byte[] garbage)
    {
        byte[] whole = WriteThreeRecords();
        File.WriteAllBytes(_folder.Segments()[0], [.. whole, .. garbage]);

        using DiskOutbox outbox = _folder.Open();
        Assert.Equal(Expected(3), outbox.ReadPending(10));
        Assert.Contains($"at offset {whole.Length}", Assert.Single(_folder.Log), StringComparison.Ordinal);
        Assert.Equal(whole.Length, new FileInfo(_folder.Segments()[0]).Length);
        Assert.Equal(4, outbox.Append(OutboxFolder.Record(4)));
    }

    [Theory]
    [InlineData(6)]   // CRC itself
    [InlineData(9)]   // CRC, last byte
    [InlineData(12)]  // sequence
    [InlineData(26)]  // severity
    [InlineData(99)]  // last payload byte
    public void A_flipped_byte_in_the_last_record_fails_its_crc_and_only_that_record_is_lost(int offsetInRecord)
    {
        byte[] whole = WriteThreeRecords();
        int lastStart = whole.Length - OutboxFolder.FrameBytes;
        whole[lastStart + offsetInRecord] ^= 0x5A;
        File.WriteAllBytes(_folder.Segments()[0], whole);

        using DiskOutbox outbox = _folder.Open();
        Assert.Equal(Expected(2), outbox.ReadPending(10));
        string line = Assert.Single(_folder.Log);
        Assert.Contains("CRC mismatch", line, StringComparison.Ordinal);
        Assert.Contains($"at offset {lastStart}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_damaged_in_the_middle_is_skipped_and_the_records_after_it_are_kept()
    {
        byte[] whole = WriteThreeRecords();
        whole[OutboxFolder.FrameBytes + 40] ^= 0x01; // record 2's payload
        File.WriteAllBytes(_folder.Segments()[0], whole);

        using (DiskOutbox outbox = _folder.Open())
        {
            Assert.Equal([1L, 3], outbox.ReadPending(10).Select(i => i.Sequence));
            string line = Assert.Single(_folder.Log);
            Assert.Contains($"CRC mismatch in {_folder.Segments()[0]} at offset {OutboxFolder.FrameBytes}; {OutboxFolder.FrameBytes} bytes skipped", line, StringComparison.Ordinal);
            Assert.Equal(whole.Length, new FileInfo(_folder.Segments()[0]).Length);
            Assert.Equal(4, outbox.Append(OutboxFolder.Record(4)));
        }

        using DiskOutbox reopened = _folder.Open();
        Assert.Equal([1L, 3, 4], reopened.ReadPending(10).Select(i => i.Sequence));
    }

    [Fact]
    public void A_copy_forward_cut_before_the_old_segment_was_deleted_recovers_each_record_once()
    {
        byte[] whole = WriteThreeRecords();
        using (DiskOutbox outbox = _folder.Open())
        {
            outbox.Acknowledge(2);
        }

        // The same frames again in a newer segment, as a copy-forward leaves them when the power goes before the delete.
        File.WriteAllBytes(Path.Combine(_folder.Path, "seg-0000000000000000009.log"), whole);

        using (DiskOutbox reopened = _folder.Open())
        {
            Assert.Equal([1L, 3], reopened.ReadPending(10).Select(i => i.Sequence));
            Assert.Equal(9, reopened.Append(OutboxFolder.Record(4))); // sequences stay at or above the newest segment's name
            Assert.True(reopened.Acknowledge(1));
            Assert.True(reopened.Acknowledge(3));
        }

        using DiskOutbox again = _folder.Open();
        Assert.Equal([9L], again.ReadPending(10).Select(i => i.Sequence));
        Assert.Empty(_folder.Log);
    }

    [Fact]
    public void A_torn_journal_entry_is_ignored_and_the_acknowledgements_before_it_hold()
    {
        using (DiskOutbox outbox = _folder.Open())
        {
            for (int n = 0; n < 3; n++)
            {
                outbox.Append(OutboxFolder.Record(n));
            }

            outbox.Acknowledge(1);
            outbox.Acknowledge(2);
        }

        string journal = Path.Combine(_folder.Path, "acks.log");
        byte[] bytes = File.ReadAllBytes(journal);
        File.WriteAllBytes(journal, bytes.AsSpan(0, bytes.Length - 5).ToArray()); // the ack of 2 torn

        using DiskOutbox reopened = _folder.Open();
        Assert.Equal([2L, 3], reopened.ReadPending(10).Select(i => i.Sequence));
        Assert.Contains("corrupt journal tail", Assert.Single(_folder.Log), StringComparison.Ordinal);
    }

    [Fact]
    public void A_leftover_temporary_journal_from_a_cut_compaction_is_ignored()
    {
        WriteThreeRecords();
        File.WriteAllBytes(Path.Combine(_folder.Path, "acks.tmp"), new byte[7]);

        using DiskOutbox outbox = _folder.Open();
        Assert.Equal(Expected(3), outbox.ReadPending(10));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "acks.tmp")));
    }

    [Fact]
    public void A_record_that_rots_on_disk_after_recovery_is_dropped_when_read_and_reported()
    {
        List<OutboxDrop> drops = [];
        using DiskOutbox outbox = _folder.Open();
        outbox.RecordDropped += drops.Add;
        for (int n = 0; n < 3; n++)
        {
            outbox.Append(OutboxFolder.Record(n, 30));
        }

        using (var stream = new FileStream(_folder.Segments()[0], FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.Position = OutboxFolder.FrameBytes + 50; // inside record 2's payload
            stream.WriteByte(0xEE);
        }

        Assert.Equal([1L, 3], outbox.ReadPending(10).Select(i => i.Sequence));
        Assert.Equal(new OutboxDrop(2, 30, OutboxSeverityBand.Low, OutboxDropReason.Corrupt), Assert.Single(drops));
        Assert.Equal(1, outbox.DroppedIn(OutboxSeverityBand.Low));
        Assert.Contains("record 2 dropped", Assert.Single(_folder.Log), StringComparison.Ordinal);
    }

    private byte[] WriteThreeRecords()
    {
        using (DiskOutbox outbox = _folder.Open())
        {
            for (int n = 1; n <= 3; n++)
            {
                outbox.Append(OutboxFolder.Record(n));
            }
        }

        string segment = Assert.Single(_folder.Segments());
        byte[] whole = File.ReadAllBytes(segment);
        Assert.Equal(3 * OutboxFolder.FrameBytes, whole.Length);
        return whole;
    }

    private static List<OutboxItem> Expected(int count) =>
        [.. Enumerable.Range(1, count).Select(n => new OutboxItem(n, OutboxFolder.Record(n)))];
}
