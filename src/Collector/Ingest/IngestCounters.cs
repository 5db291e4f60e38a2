using Collector.Storage;

namespace Collector.Ingest;

/// <summary>Ingest totals since start, thread-safe; read by the status endpoint and the tests.</summary>
public sealed class IngestCounters
{
    private readonly long[] _rejected = new long[Enum.GetValues<DeadLetterReason>().Length];
    private long _stored;
    private long _duplicates;
    private long _batches;
    private long _storeFailures;

    public long Stored => Interlocked.Read(ref _stored);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Batches => Interlocked.Read(ref _batches);

    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    public long Rejected(DeadLetterReason reason) => Interlocked.Read(ref _rejected[(int)reason]);

    public long RejectedTotal
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _rejected.Length; i++)
            {
                total += Interlocked.Read(ref _rejected[i]);
            }

            return total;
        }
    }

    public IngestStatus Snapshot()
    {
        var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (DeadLetterReason reason in Enum.GetValues<DeadLetterReason>())
        {
            long count = Rejected(reason);
            if (count > 0)
            {
                rejected[DeadLetterReasons.Name(reason)] = count;
            }
        }

        return new IngestStatus(Stored, Duplicates, RejectedTotal, rejected, Batches, StoreFailures);
    }

    internal void AddBatch(WriteResult result)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _stored, result.Stored);
        Interlocked.Add(ref _duplicates, result.Duplicates);
    }

    internal void AddRejected(DeadLetterReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    internal void AddStoreFailure() => Interlocked.Increment(ref _storeFailures);
}
