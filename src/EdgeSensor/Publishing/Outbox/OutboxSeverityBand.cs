namespace EdgeSensor.Publishing.Outbox;

/// <summary>Severity bands the drop counters are kept in (inclusive score ranges).</summary>
public enum OutboxSeverityBand
{
    /// <summary>0-19.</summary>
    Info = 0,

    /// <summary>20-39.</summary>
    Low = 1,

    /// <summary>40-59.</summary>
    Medium = 2,

    /// <summary>60-79.</summary>
    High = 3,

    /// <summary>80-100.</summary>
    Critical = 4,
}
