namespace EdgeSensor.Publishing.Outbox;

/// <summary>Where a pending record's frame is: the outbox keeps only this in memory and reads payloads back from disk.</summary>
internal readonly record struct PendingEntry(OutboxSegment Segment, long Offset, int FrameLength, byte Severity);
