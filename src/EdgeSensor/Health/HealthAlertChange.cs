using Edge.Contracts.Lifecycle;

namespace EdgeSensor.Health;

/// <summary>An alert raised, or cleared (with the alert as it last stood), at <see cref="At"/>.</summary>
public readonly record struct HealthAlertChange(HealthAlert Alert, bool Raised, DateTimeOffset At);
