namespace EdgeSensor.Publishing.Outbox;

/// <summary>What one acknowledgement journal entry says about its sequence.</summary>
internal enum JournalEntryKind : byte
{
    Unknown = 0,

    /// <summary>The publisher acknowledged the record (the broker's PUBACK came back).</summary>
    Acknowledged = 1,

    /// <summary>The record was dropped (outbox full, or corrupt on read).</summary>
    Dropped = 2,

    /// <summary>Every sequence below this one is gone; written first by a compaction.</summary>
    Floor = 3,

    /// <summary>First sequence of a removed range; the next entry, <see cref="RangeLast"/>, ends it. Written by compactions.</summary>
    RangeFirst = 4,

    /// <summary>Last sequence (inclusive) of the range the entry before opened.</summary>
    RangeLast = 5,
}
