using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

public sealed class DiskOutboxTests : IDisposable
{
    private readonly OutboxFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Appends_are_read_back_oldest_first_and_leave_only_when_acknowledged()
    {
        using DiskOutbox outbox = _folder.Open();
        long[] sequences = [.. Enumerable.Range(0, 5).Select(n => outbox.Append(OutboxFolder.Record(n)))];

        Assert.Equal([1L, 2, 3, 4, 5], sequences);
        Assert.Equal(5, outbox.Count);
        Assert.Equal(5 * OutboxFolder.FrameBytes, outbox.Bytes);
        Assert.True(outbox.TryPeek(out OutboxItem first));
        Assert.Equal(new OutboxItem(1, OutboxFolder.Record(0)), first);
        IReadOnlyList<OutboxItem> three = outbox.ReadPending(3);
        Assert.Equal([1L, 2, 3], three.Select(i => i.Sequence));
        Assert.Equal(["m0000", "m0001", "m0002"], three.Select(i => i.Record.MessageId));

        Assert.True(outbox.Acknowledge(1));
        Assert.True(outbox.Acknowledge(3));
        Assert.False(outbox.Acknowledge(3));
        Assert.False(outbox.Acknowledge(42));

        Assert.Equal([2L, 4, 5], outbox.ReadPending(10).Select(i => i.Sequence));
        Assert.Equal(3, outbox.Count);
        Assert.Equal(3 * OutboxFolder.FrameBytes, outbox.Bytes);
        Assert.Empty(outbox.ReadPending(0));
    }

    [Fact]
    public void Empty_outbox_has_nothing_to_peek()
    {
        using DiskOutbox outbox = _folder.Open();
        Assert.False(outbox.TryPeek(out _));
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public void Reopening_recovers_exactly_the_unacknowledged_records_with_their_sequences_and_ids()
    {
        List<OutboxItem> expected = [];
        using (DiskOutbox outbox = _folder.Open())
        {
            for (int n = 0; n < 20; n++)
            {
                long sequence = outbox.Append(OutboxFolder.Record(n, (byte)(n * 5)));
                if (n % 3 != 0)
                {
                    expected.Add(new OutboxItem(sequence, OutboxFolder.Record(n, (byte)(n * 5))));
                }
            }

            for (long s = 1; s <= 20; s += 3)
            {
                Assert.True(outbox.Acknowledge(s));
            }
        }

        using DiskOutbox reopened = _folder.Open();
        Assert.Equal(expected, reopened.ReadPending(100));
        Assert.Equal(expected.Count * OutboxFolder.FrameBytes, reopened.Bytes);
        Assert.Equal(21, reopened.Append(OutboxFolder.Record(99)));
        Assert.Empty(_folder.Log);
    }

    [Fact]
    public void Acknowledgements_survive_restart_and_sequences_never_repeat_even_when_everything_was_acknowledged()
    {
        using (DiskOutbox outbox = _folder.Open())
        {
            for (int n = 0; n < 4; n++)
            {
                outbox.Append(OutboxFolder.Record(n));
            }

            for (long s = 1; s <= 4; s++)
            {
                outbox.Acknowledge(s);
            }
        }

        using (DiskOutbox reopened = _folder.Open())
        {
            Assert.Equal(0, reopened.Count);
            Assert.Equal(5, reopened.Append(OutboxFolder.Record(4)));
        }

        using DiskOutbox again = _folder.Open();
        Assert.Equal([5L], again.ReadPending(10).Select(i => i.Sequence));
    }

    [Fact]
    public void Segments_roll_at_their_size_and_a_sealed_segment_is_deleted_once_all_its_records_are_acknowledged()
    {
        // 1000-byte segments hold 10 records of 100 bytes.
        using DiskOutbox outbox = _folder.Open(segmentBytes: 1000, maxRecordBytes: 200);
        for (int n = 0; n < 25; n++)
        {
            outbox.Append(OutboxFolder.Record(n));
        }

        Assert.Equal(
            ["seg-0000000000000000001.log", "seg-0000000000000000011.log", "seg-0000000000000000021.log"],
            _folder.Segments().Select(Path.GetFileName));
        for (long s = 1; s <= 9; s++)
        {
            outbox.Acknowledge(s);
        }

        Assert.Equal(3, _folder.Segments().Length);
        outbox.Acknowledge(10);
        Assert.Equal(2, _folder.Segments().Length);
        for (long s = 11; s <= 25; s++)
        {
            outbox.Acknowledge(s);
        }

        // The segment being written to stays, so the highest sequence is never forgotten.
        Assert.Single(_folder.Segments());
        Assert.Equal(1, outbox.SegmentCount);
    }

    [Fact]
    public void The_journal_stays_small_while_an_old_record_pins_the_floor_and_recovery_still_knows_what_went()
    {
        string journal = Path.Combine(_folder.Path, "acks.log");
        using (DiskOutbox outbox = _folder.Open(segmentBytes: 1000, maxRecordBytes: 200))
        {
            outbox.Append(OutboxFolder.Record(0, 100)); // stays pending: every removal above it must be remembered
            for (int n = 1; n < 3000; n++)
            {
                long s = outbox.Append(OutboxFolder.Record(n));
                if (n % 500 != 0)
                {
                    outbox.Acknowledge(s);
                }

                Assert.True(new FileInfo(journal).Length <= 1025 * 16, "journal was never compacted");
            }
        }

        long[] pending = [1, 501, 1001, 1501, 2001, 2501];
        using (DiskOutbox reopened = _folder.Open(segmentBytes: 1000, maxRecordBytes: 200))
        {
            Assert.Equal(pending, reopened.ReadPending(10).Select(i => i.Sequence));
            Assert.Equal(7, reopened.SegmentCount); // one per pending record, and the last
            Assert.True(new FileInfo(journal).Length <= 16 * (1 + (2 * 6)));
            foreach (long s in pending)
            {
                reopened.Acknowledge(s);
            }

            Assert.Equal(1, reopened.SegmentCount);
        }

        using DiskOutbox last = _folder.Open(segmentBytes: 1000, maxRecordBytes: 200);
        Assert.Equal(0, last.Count);
        Assert.Equal(3001, last.Append(OutboxFolder.Record(1)));
    }

    [Fact]
    public void A_record_larger_than_the_limit_is_refused_with_an_exception()
    {
        using DiskOutbox outbox = _folder.Open(maxRecordBytes: 200);
        var big = new OutboxRecord("t", new byte[500], "m", 50, OutboxFolder.Epoch);
        Assert.Throws<ArgumentException>(() => outbox.Append(big));
        Assert.Equal(0, outbox.Count);
        Assert.Equal(1, outbox.Append(OutboxFolder.Record(1)));
    }

    [Fact]
    public void Unicode_topics_and_ids_and_an_empty_payload_round_trip()
    {
        var record = new OutboxRecord("edge/v1/incidents/zone-Ä", ReadOnlyMemory<byte>.Empty, Guid.Empty.ToString("N"), 0, OutboxFolder.Epoch.ToOffset(TimeSpan.FromHours(2)));
        using (DiskOutbox outbox = _folder.Open())
        {
            outbox.Append(record);
        }

        using DiskOutbox reopened = _folder.Open();
        Assert.True(reopened.TryPeek(out OutboxItem item));
        Assert.Equal(record, item.Record);
        Assert.Equal(TimeSpan.Zero, item.Record.CreatedAt.Offset);
    }

    [Fact]
    public void Disposed_outbox_refuses_work()
    {
        DiskOutbox outbox = _folder.Open();
        outbox.Dispose();
        outbox.Dispose();
        Assert.Throws<ObjectDisposedException>(() => outbox.Append(OutboxFolder.Record(1)));
        Assert.Throws<ObjectDisposedException>(() => outbox.ReadPending(1));
    }
}
