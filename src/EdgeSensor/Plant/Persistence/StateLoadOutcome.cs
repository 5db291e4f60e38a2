namespace EdgeSensor.Plant.Persistence;

/// <summary>What loading a state file gave.</summary>
public enum StateLoadOutcome
{
    Loaded,
    Missing,

    /// <summary>The file was unreadable, truncated or tampered with: it was moved aside and the model starts afresh.</summary>
    Corrupt,
}
