namespace EdgeSensor.Tables;

/// <summary>A slot of a fixed-capacity state table that can be evicted by age.</summary>
public interface ISeenSlot
{
    /// <summary>The slot holds an entry.</summary>
    bool IsOccupied { get; }

    /// <summary>Capture time (microseconds) the entry was last seen.</summary>
    long SeenAt { get; }
}
