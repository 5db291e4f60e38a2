using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

/// <summary>Random appends, acknowledgements, reads and reopens against an in-memory model of what must be pending.</summary>
public sealed class DiskOutboxPropertyTests : IDisposable
{
    private readonly OutboxFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, 25)]   // limit never reached
    [InlineData(2, 25)]
    [InlineData(3, 8)]    // limit reached often: drops by severity
    [InlineData(4, 8)]
    [InlineData(5, 3)]    // limit below a segment: copying forward all the time
    public void Outbox_matches_the_model_through_random_operations_and_reopens(int seed, int limitInRecords)
    {
        var random = new Random(seed);
        long limit = limitInRecords * OutboxFolder.FrameBytes;
        var model = new SortedDictionary<long, OutboxRecord>();
        long nextSequence = 1;
        long droppedThisRun = 0;
        DiskOutbox outbox = Open(limit);
        try
        {
            for (int step = 0; step < 600; step++)
            {
                int roll = random.Next(100);
                if (roll < 55)
                {
                    var record = OutboxFolder.Record(step, (byte)random.Next(0, 101));
                    bool expectStored = ModelMakeRoom(model, limit, record.Severity, ref droppedThisRun);
                    Assert.Equal(expectStored, outbox.TryAppend(record, out long sequence));
                    if (expectStored)
                    {
                        Assert.Equal(nextSequence, sequence);
                        model.Add(nextSequence++, record);
                    }
                }
                else if (roll < 85 && model.Count > 0)
                {
                    // Mostly the oldest (as the publisher does), sometimes any of the first few (PUBACKs out of order).
                    long sequence = model.Keys.ElementAt(random.Next(Math.Min(model.Count, random.Next(2) == 0 ? 1 : 4)));
                    Assert.True(outbox.Acknowledge(sequence));
                    Assert.False(outbox.Acknowledge(sequence));
                    model.Remove(sequence);
                }
                else if (roll < 95)
                {
                    int max = random.Next(0, 6);
                    Assert.Equal(model.Take(max).Select(p => new OutboxItem(p.Key, p.Value)), outbox.ReadPending(max));
                }
                else
                {
                    outbox.Dispose();
                    outbox = Open(limit);
                    droppedThisRun = 0;
                    Assert.Equal(model.Select(p => new OutboxItem(p.Key, p.Value)), outbox.ReadPending(int.MaxValue));
                }

                Assert.Equal(model.Count, outbox.Count);
                Assert.Equal(model.Count * OutboxFolder.FrameBytes, outbox.Bytes);
                Assert.Equal(droppedThisRun, outbox.Dropped);
                Assert.True(outbox.DiskBytes <= (2 * limit) + (3 * 700), $"disk {outbox.DiskBytes}");
            }

            outbox.Dispose();
            outbox = Open(limit);
            Assert.Equal(model.Select(p => new OutboxItem(p.Key, p.Value)), outbox.ReadPending(int.MaxValue));
            Assert.Empty(_folder.Log);
        }
        finally
        {
            outbox.Dispose();
        }
    }

    /// <summary>The documented rule, written plainly: drop (severity, sequence)-lowest until the record fits, unless the incoming one is lowest.</summary>
    private static bool ModelMakeRoom(SortedDictionary<long, OutboxRecord> model, long limit, byte severity, ref long dropped)
    {
        long need = (model.Count + 1) * (long)OutboxFolder.FrameBytes - limit;
        if (need <= 0)
        {
            return true;
        }

        var victims = model.OrderBy(p => p.Value.Severity).ThenBy(p => p.Key).Take((int)((need + OutboxFolder.FrameBytes - 1) / OutboxFolder.FrameBytes)).ToList();
        if (victims.Any(v => v.Value.Severity > severity))
        {
            dropped++;
            return false;
        }

        foreach (var victim in victims)
        {
            model.Remove(victim.Key);
            dropped++;
        }

        return true;
    }

    // Small segments so rolling and deleting segments happen often.
    private DiskOutbox Open(long limit) => _folder.Open(maxBytes: limit, segmentBytes: 700, maxRecordBytes: 200);
}
