namespace Edge.Contracts.Lifecycle;

/// <summary>The sensor's store-and-forward queue: what waits for the broker, and what was given up.</summary>
public sealed record OutboxMetrics
{
    /// <summary>Messages waiting to be acknowledged by the broker.</summary>
    public required long Depth { get; init; }

    /// <summary>Bytes those messages take.</summary>
    public required long Bytes { get; init; }

    /// <summary>Messages dropped since start because the outbox was full (oldest low-priority first). Anything above 0 is a loss.</summary>
    public required long Dropped { get; init; }
}
