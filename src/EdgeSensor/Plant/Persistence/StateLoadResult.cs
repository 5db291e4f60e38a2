namespace EdgeSensor.Plant.Persistence;

/// <summary>The outcome of <see cref="PlantStateStore.Load"/>, with the reason and where a corrupt file was moved.</summary>
public sealed record StateLoadResult(StateLoadOutcome Outcome, string? Reason = null, string? MovedTo = null);
