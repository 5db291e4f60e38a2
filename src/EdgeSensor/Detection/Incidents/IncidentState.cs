namespace EdgeSensor.Detection.Incidents;

/// <summary>An incident as it accumulates anomalies about one device.</summary>
internal sealed class IncidentState
{
    public required string Id { get; init; }

    public required string Device { get; init; }

    public required long FirstSeen { get; set; }

    public long LastSeen { get; set; }

    public int Version { get; set; }

    public bool Closed { get; set; }

    public List<AnomalyState> Anomalies { get; } = [];
}
