namespace EdgeSensor.Publishing.Outbox;

/// <summary>Why a record left the outbox without being acknowledged.</summary>
public enum OutboxDropReason
{
    /// <summary>The outbox was at its byte limit and this was the lowest-severity, oldest record (possibly the incoming one).</summary>
    Full = 0,

    /// <summary>The record failed its CRC when read back after it had been recovered.</summary>
    Corrupt = 1,
}
