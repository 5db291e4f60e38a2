using Edge.Contracts.Detection;

namespace EdgeSensor.Hosting;

/// <summary>One finding for the uplink: an incident version or a new anomaly (exactly one is set).</summary>
public readonly record struct Finding(BreachSummaryRecord? Incident, AnomalyRecord? Anomaly);
