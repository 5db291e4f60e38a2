namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// Findings waiting for the center. The detection side appends; the publisher reads the oldest pending records,
/// sends them, and acknowledges each once the broker's PUBACK came back. Safe for one producer and one consumer.
/// </summary>
public interface IOutbox : IDisposable
{
    /// <summary>Raised (outside the outbox's lock) for every record dropped without acknowledgement.</summary>
    event Action<OutboxDrop>? RecordDropped;

    /// <summary>Pending (unacknowledged, not dropped) records.</summary>
    int Count { get; }

    /// <summary>Bytes of the pending records as framed on disk; kept at or under the configured limit.</summary>
    long Bytes { get; }

    /// <summary>Records dropped since this instance opened, all bands.</summary>
    long Dropped { get; }

    /// <summary>Records of one severity band dropped since this instance opened.</summary>
    long DroppedIn(OutboxSeverityBand band);

    /// <summary>Stores the record durably (fsync'd) and returns its sequence, or false if it was itself the least important record and the outbox full.</summary>
    bool TryAppend(OutboxRecord record, out long sequence);

    /// <summary>Stores the record durably (fsync'd) and returns its sequence; a record dropped on arrival is reported by <see cref="RecordDropped"/>.</summary>
    long Append(OutboxRecord record);

    /// <summary>The oldest pending record, if any.</summary>
    bool TryPeek(out OutboxItem item);

    /// <summary>Up to <paramref name="max"/> pending records, oldest first.</summary>
    IReadOnlyList<OutboxItem> ReadPending(int max);

    /// <summary>Removes a sent record for good (fsync'd); false if it was not pending (already acknowledged or dropped).</summary>
    bool Acknowledge(long sequence);
}
