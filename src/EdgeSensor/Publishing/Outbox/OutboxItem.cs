namespace EdgeSensor.Publishing.Outbox;

/// <summary>A pending record with the sequence the outbox gave it; the publisher acknowledges by that sequence.</summary>
public readonly record struct OutboxItem(long Sequence, OutboxRecord Record);
