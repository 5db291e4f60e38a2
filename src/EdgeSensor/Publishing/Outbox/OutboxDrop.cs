namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// A record the outbox gave up on: to make room for a more important one (<see cref="OutboxDropReason.Full"/>),
/// or because its bytes on disk no longer matched their CRC when read back (<see cref="OutboxDropReason.Corrupt"/>).
/// </summary>
public readonly record struct OutboxDrop(long Sequence, byte Severity, OutboxSeverityBand Band, OutboxDropReason Reason);
