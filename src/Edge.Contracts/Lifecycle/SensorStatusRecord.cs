namespace Edge.Contracts.Lifecycle;

/// <summary>
/// The sensor's lifecycle, after Sparkplug B's birth and death certificates. Published retained on
/// <c>edge/v1/&lt;site&gt;/&lt;sensor&gt;/status</c>:
/// <list type="number">
/// <item>at connect, the will is registered: <see cref="Death"/> with the connect's <see cref="BdSeq"/>;</item>
/// <item>once connected, the birth: <see cref="State"/> "online" with the same <see cref="BdSeq"/>, then again on every
/// phase change (learning to protecting);</item>
/// <item>on a clean stop the sensor publishes the death itself; otherwise the broker publishes the will.</item>
/// </list>
/// A collector ignores a death whose bdSeq is not the bdSeq of the last birth it saw: that is the will of an older
/// connection arriving late, and the sensor is still online.
/// </summary>
public sealed record SensorStatusRecord
{
    public int SchemaVersion { get; init; } = SchemaInfo.Version;

    public string Type { get; init; } = "status";

    /// <summary><see cref="SensorStates.Online"/> (birth) or <see cref="SensorStates.Offline"/> (death).</summary>
    public required string State { get; init; }

    /// <summary>Birth/death sequence: increases by one on every connect (persisted by the sensor), the same in a birth and its will.</summary>
    public required long BdSeq { get; init; }

    /// <summary><see cref="SensorStates.Learning"/> or <see cref="SensorStates.Protecting"/>; absent in a death.</summary>
    public string? Phase { get; init; }

    /// <summary>Sensor software version (informational version, e.g. "0.4.0+abc1234").</summary>
    public string? SensorVersion { get; init; }

    /// <summary>Capture interface (e.g. "eth1") or capture file; absent in a death.</summary>
    public string? CaptureInterface { get; init; }

    /// <summary>0.0 to 1.0 while learning, 1.0 once protecting; absent in a death.</summary>
    public double? LearningProgress { get; init; }

    /// <summary>When learning ends (or ended).</summary>
    public DateTimeOffset? LearningEndsAt { get; init; }

    /// <summary>When this sensor process started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public long? UptimeSeconds { get; init; }

    /// <summary>The sensor's UTC clock when the record was written; the collector compares it with its own to see skew.</summary>
    public DateTimeOffset? Clock { get; init; }

    /// <summary>Whether the sensor's clock is synchronised (NTP/PTP), when known: detection timestamps depend on it.</summary>
    public bool? ClockSynchronized { get; init; }

    /// <summary>How the previous run of this sensor ended (a birth only; absent when unknown, e.g. the first start).</summary>
    public PreviousExit? PreviousExit { get; init; }

    /// <summary>The version of the configuration the collector pushed that the sensor runs; absent when it was not provisioned.</summary>
    public long? ConfigVersion { get; init; }

    /// <summary>The last pushed configuration the sensor refused: "version N: reason"; absent when none was.</summary>
    public string? ConfigRefused { get; init; }

    /// <summary>The will (or clean-stop message): only what is known at connect time.</summary>
    public static SensorStatusRecord Death(long bdSeq, string? sensorVersion = null) => new()
    {
        State = SensorStates.Offline,
        BdSeq = bdSeq,
        SensorVersion = sensorVersion,
    };
}
