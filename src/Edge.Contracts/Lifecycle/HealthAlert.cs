namespace Edge.Contracts.Lifecycle;

/// <summary>A health alert the sensor raised about itself and has not cleared yet.</summary>
public sealed record HealthAlert
{
    /// <summary>What is wrong: one of <see cref="HealthAlertCodes"/> (readers must accept codes they do not know).</summary>
    public required string Code { get; init; }

    /// <summary>When the condition began, as closely as the sensor's checks can tell (for no traffic: the last frame seen).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>A sentence for the operator with the figures behind the alert.</summary>
    public string? Detail { get; init; }
}
