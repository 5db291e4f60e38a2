namespace Edge.Contracts.Detection;

/// <summary>A model's part in an incident: when it fired first and last, how often, its best score and evidence.</summary>
public sealed record ModelHit
{
    public required string Model { get; init; }

    public required string Title { get; init; }

    public required int Score { get; init; }

    public required int Count { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    public required IReadOnlyList<string> Techniques { get; init; }

    public required IReadOnlyList<EvidenceItem> Evidence { get; init; }
}
