namespace Collector.Ingest;

/// <summary>A snapshot of <see cref="IngestCounters"/>: rejected messages by reason ("bad-json", ...).</summary>
public sealed record IngestStatus(
    long Stored,
    long Duplicates,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    long Batches,
    long StoreFailures);
