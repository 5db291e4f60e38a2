namespace Collector.Ingest;

/// <summary>What became of a submitted message once its transaction committed.</summary>
public enum WriteOutcome
{
    Stored = 1,

    /// <summary>A message with the same id was already stored; nothing changed.</summary>
    Duplicate,

    /// <summary>A dead letter was kept.</summary>
    DeadLettered,
}
