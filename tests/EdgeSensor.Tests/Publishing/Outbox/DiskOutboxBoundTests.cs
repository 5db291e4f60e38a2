using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

/// <summary>At its byte limit the outbox drops the lowest-severity, oldest records, the incoming one included.</summary>
public sealed class DiskOutboxBoundTests : IDisposable
{
    // Ten 100-byte records fill it.
    private const long Limit = 10 * OutboxFolder.FrameBytes;
    private static readonly byte[] FirstTen = [50, 10, 90, 10, 30, 50, 10, 80, 30, 100];

    private readonly OutboxFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void When_full_the_lowest_severity_oldest_records_go_first_and_are_counted_per_band()
    {
        List<OutboxDrop> drops = [];
        using DiskOutbox outbox = Open();
        outbox.RecordDropped += drops.Add;
        Fill(outbox);
        Assert.Equal(Limit, outbox.Bytes);
        Assert.Empty(drops);

        Assert.Equal(11, outbox.Append(OutboxFolder.Record(11, 40)));    // drops 2 (severity 10, oldest of the 10s)
        Assert.Equal(12, outbox.Append(OutboxFolder.Record(12, 40)));    // drops 4
        Assert.False(outbox.TryAppend(OutboxFolder.Record(13, 5), out long refused)); // lower than everything pending
        Assert.Equal(0, refused);
        Assert.Equal(13, outbox.Append(OutboxFolder.Record(14, 10)));    // drops 7: same severity, older
        Assert.Equal(14, outbox.Append(OutboxFolder.Record(15, 20)));    // drops 13 (the severity-10 record just added)
        Assert.Equal(15, outbox.Append(OutboxFolder.Record(16, 95)));    // drops 14 (severity 20, below the 30s)

        Assert.Equal(
            [
                new OutboxDrop(2, 10, OutboxSeverityBand.Info, OutboxDropReason.Full),
                new OutboxDrop(4, 10, OutboxSeverityBand.Info, OutboxDropReason.Full),
                new OutboxDrop(0, 5, OutboxSeverityBand.Info, OutboxDropReason.Full),
                new OutboxDrop(7, 10, OutboxSeverityBand.Info, OutboxDropReason.Full),
                new OutboxDrop(13, 10, OutboxSeverityBand.Info, OutboxDropReason.Full),
                new OutboxDrop(14, 20, OutboxSeverityBand.Low, OutboxDropReason.Full),
            ],
            drops);
        Assert.Equal(6, outbox.Dropped);
        Assert.Equal(5, outbox.DroppedIn(OutboxSeverityBand.Info));
        Assert.Equal(1, outbox.DroppedIn(OutboxSeverityBand.Low));
        Assert.Equal(0, outbox.DroppedIn(OutboxSeverityBand.Critical));
        Assert.Equal(Limit, outbox.Bytes);
        Assert.Equal(Survivors, outbox.ReadPending(100).Select(i => i.Sequence));
    }

    [Fact]
    public void Dropped_records_stay_dropped_after_restart()
    {
        using (DiskOutbox outbox = Open())
        {
            Fill(outbox);
            outbox.Append(OutboxFolder.Record(11, 40));
            outbox.Append(OutboxFolder.Record(12, 40));
            outbox.TryAppend(OutboxFolder.Record(13, 5), out _);
            outbox.Append(OutboxFolder.Record(14, 10));
            outbox.Append(OutboxFolder.Record(15, 20));
            outbox.Append(OutboxFolder.Record(16, 95));
        }

        using DiskOutbox reopened = Open();
        Assert.Equal(Survivors, reopened.ReadPending(100).Select(i => i.Sequence));
        Assert.Equal(Limit, reopened.Bytes);
        Assert.Equal(0, reopened.Dropped); // counters are per run: a metric counter, not state
        Assert.Equal(16, reopened.Append(OutboxFolder.Record(17, 100)));
    }

    [Fact]
    public void A_lower_limit_on_reopen_drops_down_to_it()
    {
        using (DiskOutbox outbox = Open())
        {
            Fill(outbox);
        }

        using DiskOutbox smaller = _folder.Open(maxBytes: 5 * OutboxFolder.FrameBytes, segmentBytes: 4096, maxRecordBytes: 200);
        Assert.Equal(5, smaller.Dropped);
        Assert.Equal([1L, 3, 6, 8, 10], smaller.ReadPending(100).Select(i => i.Sequence)); // 50, 90, 50, 80, 100
    }

    [Fact]
    public void A_flood_of_low_severity_findings_never_pushes_out_a_critical_one()
    {
        using DiskOutbox outbox = Open();
        outbox.Append(OutboxFolder.Record(0, 100));
        for (int n = 1; n < 200; n++)
        {
            outbox.Append(OutboxFolder.Record(n, (byte)(n % 3)));
        }

        Assert.Equal(1, outbox.ReadPending(1)[0].Sequence);
        Assert.Equal(10, outbox.Count);
        Assert.Equal(190, outbox.Dropped);
    }

    [Fact]
    public void Old_critical_records_do_not_pin_mostly_dead_segments_on_disk()
    {
        // 5 records per segment; one critical in every 5, the rest informational and dropped as the outbox fills.
        const int SegmentBytes = 5 * OutboxFolder.FrameBytes;
        List<long> critical = [];
        using (DiskOutbox outbox = _folder.Open(maxBytes: Limit, segmentBytes: SegmentBytes, maxRecordBytes: 200))
        {
            for (int n = 0; n < 300; n++)
            {
                byte severity = n % 5 == 0 ? (byte)100 : (byte)0;
                if (outbox.TryAppend(OutboxFolder.Record(n, severity), out long sequence) && severity == 100)
                {
                    critical.Add(sequence);
                }

                Assert.True(outbox.DiskBytes <= Limit + (2 * SegmentBytes), $"disk {outbox.DiskBytes} after {n}");
                Assert.Equal(outbox.DiskBytes, _folder.Segments().Sum(f => new FileInfo(f).Length));
            }

            Assert.Equal(critical.TakeLast(10), outbox.ReadPending(100).Select(i => i.Sequence));
        }

        using DiskOutbox reopened = _folder.Open(maxBytes: Limit, segmentBytes: SegmentBytes, maxRecordBytes: 200);
        IReadOnlyList<OutboxItem> pending = reopened.ReadPending(100);
        Assert.Equal(critical.TakeLast(10), pending.Select(i => i.Sequence));
        Assert.All(pending, i => Assert.Equal(100, i.Record.Severity));
        Assert.Empty(_folder.Log);
    }

    // 1 (50), 3 (90), 5 (30), 6 (50), 8 (80), 9 (30), 10 (100), 11 (40), 12 (40), 15 (95).
    private static readonly long[] Survivors = [1, 3, 5, 6, 8, 9, 10, 11, 12, 15];

    private DiskOutbox Open() => _folder.Open(maxBytes: Limit, segmentBytes: 4096, maxRecordBytes: 200);

    private static void Fill(DiskOutbox outbox)
    {
        for (int n = 0; n < FirstTen.Length; n++)
        {
            Assert.Equal(n + 1, outbox.Append(OutboxFolder.Record(n + 1, FirstTen[n])));
        }
    }
}
