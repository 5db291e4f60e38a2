namespace Edge.Contracts.Topics;

/// <summary>The last level of an Edge topic: what the messages under it carry.</summary>
public enum EdgeTopicKind
{
    /// <summary>Unknown or missing level; never built, reported by the parser only through its error.</summary>
    Unknown = 0,

    /// <summary><c>status</c>: <see cref="Lifecycle.SensorStatusRecord"/>, retained (birth, and the will as death).</summary>
    Status,

    /// <summary><c>incidents</c>: <see cref="Detection.BreachSummaryRecord"/>, one message per incident version.</summary>
    Incidents,

    /// <summary><c>anomalies</c>: <see cref="Detection.AnomalyRecord"/>.</summary>
    Anomalies,

    /// <summary><c>assets</c>: <see cref="Assets.AssetRecord"/>.</summary>
    Assets,

    /// <summary><c>metrics</c>: <see cref="Lifecycle.SensorMetricsRecord"/>.</summary>
    Metrics,
}
