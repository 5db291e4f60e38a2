using Edge.Contracts.Assets;
using Edge.Contracts.Detection;

namespace EdgeSensor.Analyze;

/// <summary>
/// What one <c>edge-sensor analyze</c> run read and found: the input (captures, frames, how learning was set) and the
/// records, in the order <c>--json</c> prints them. <see cref="AnalyzeText"/> renders it for people.
/// </summary>
public sealed record AnalyzeResult
{
    /// <summary>Capture files analyzed after learning (or as the whole run), as given.</summary>
    public IReadOnlyList<string> Captures { get; init; } = [];

    /// <summary>Frames read from <see cref="Captures"/> and the live interface.</summary>
    public long Frames { get; init; }

    /// <summary>Capture files given with <c>--learn</c>.</summary>
    public IReadOnlyList<string> LearnCaptures { get; init; } = [];

    public long LearnFrames { get; init; }

    /// <summary><c>--learning-seconds</c>, when given.</summary>
    public double? LearningSeconds { get; init; }

    /// <summary>The live interface captured on, when <c>--interface</c> was given.</summary>
    public string? Interface { get; init; }

    /// <summary><c>--state</c>, when given, and whether a saved model was loaded from it.</summary>
    public string? StateFile { get; init; }

    public bool StateLoaded { get; init; }

    /// <summary>When learning ended (capture time), or null when the run ended still learning.</summary>
    public DateTimeOffset? LearningEnded { get; init; }

    public IReadOnlyList<AssetRecord> Assets { get; init; } = [];

    public IReadOnlyList<AnomalyRecord> Anomalies { get; init; } = [];

    /// <summary>Each incident's latest version.</summary>
    public IReadOnlyList<BreachSummaryRecord> Incidents { get; init; } = [];
}
