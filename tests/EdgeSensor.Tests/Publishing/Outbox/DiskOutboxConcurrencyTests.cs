using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

public sealed class DiskOutboxConcurrencyTests : IDisposable
{
    private readonly OutboxFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task One_producer_and_one_consumer_see_every_record_once_and_in_order()
    {
        const int Total = 400;
        using DiskOutbox outbox = _folder.Open(segmentBytes: 1000, maxRecordBytes: 200);
        Task producer = Task.Run(() =>
        {
            for (int n = 0; n < Total; n++)
            {
                outbox.Append(OutboxFolder.Record(n));
            }
        });
        Task<List<string>> consumer = Task.Run(() =>
        {
            List<string> seen = [];
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (seen.Count < Total && DateTime.UtcNow < deadline)
            {
                foreach (OutboxItem item in outbox.ReadPending(16))
                {
                    seen.Add(item.Record.MessageId);
                    Assert.True(outbox.Acknowledge(item.Sequence));
                }
            }

            return seen;
        });

        await producer;
        List<string> seen = await consumer;
        Assert.Equal(Enumerable.Range(0, Total).Select(n => $"m{n:D4}"), seen);
        Assert.Equal(0, outbox.Count);
        Assert.Single(_folder.Segments());
    }
}
