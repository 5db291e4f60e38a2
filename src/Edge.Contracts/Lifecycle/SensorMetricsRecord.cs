namespace Edge.Contracts.Lifecycle;

/// <summary>
/// The sensor's health counters, published periodically on <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/metrics</c>.
/// Counters are cumulative since <see cref="StartedAt"/> (a restart resets them, like Prometheus counters); gauges are
/// the value at <see cref="Time"/>.
/// </summary>
public sealed record SensorMetricsRecord
{
    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    public string Type { get; init; } = "metrics";

    /// <summary>When the counters were read.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Start of the counting (the sensor process start).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Counter: frames captured.</summary>
    public required long Frames { get; init; }

    /// <summary>Counter: bytes captured (frame lengths on the wire).</summary>
    public required long Bytes { get; init; }

    /// <summary>Counter: frames lost before decoding (kernel and interface drops of a live capture; 0 for a file).</summary>
    public required long Drops { get; init; }

    /// <summary>Counter: malformed units by "&lt;layer&gt;.&lt;reason&gt;" (e.g. "modbus.bad-length"), as <c>edge-sensor stats</c> prints them.</summary>
    public required IReadOnlyDictionary<string, long> Malformed { get; init; }

    /// <summary>Gauge: flows in the flow table.</summary>
    public required long Flows { get; init; }

    public required OutboxMetrics Outbox { get; init; }

    /// <summary>Gauge: devices in the plant model.</summary>
    public required long Devices { get; init; }

    /// <summary>Gauge: learned relations (device, peer, protocol, port).</summary>
    public required long Relations { get; init; }

    /// <summary>Counter: anomalies raised.</summary>
    public required long Anomalies { get; init; }

    /// <summary>Counter: incidents opened.</summary>
    public required long Incidents { get; init; }

    /// <summary>Gauge: incidents still open.</summary>
    public long? OpenIncidents { get; init; }

    /// <summary>The sensor's own health (process, memory, board, disk, capture, alerts); absent from sensors that predate it.</summary>
    public SensorHealth? Health { get; init; }
}
