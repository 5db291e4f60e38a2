using Edge.Contracts.Detection;

namespace EdgeSensor.Detection.Incidents;

/// <summary>An anomaly as it accumulates: the same model, device and peer within the window update it.</summary>
internal sealed class AnomalyState
{
    public required string Id { get; init; }

    public required DetectionModel Model { get; init; }

    public required string Device { get; init; }

    public required string? Peer { get; init; }

    public required long FirstSeen { get; init; }

    public long LastSeen { get; set; }

    public int Score { get; set; }

    public int Count { get; set; }

    public required IReadOnlyList<EvidenceItem> Evidence { get; set; }

    public string? IncidentId { get; set; }
}
