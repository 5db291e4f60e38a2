namespace EdgeSensor.Status.IoModule;

/// <summary>Timing of the sensor's side of the I/O module link (firmware/io-module/README.md, "Timing").</summary>
public sealed class IoModuleLinkOptions
{
    /// <summary>SetOutputs is sent at least this often even when nothing changed: it is the module's heartbeat.
    /// At most 1 s (the protocol's promise); the module's timeout must stay well above it.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(Edge.IoModule.ModuleTiming.HeartbeatIntervalMs);

    /// <summary>Sent in every SetOutputs: the module falls into fault when no valid SetOutputs arrived for this long.</summary>
    public TimeSpan ModuleHeartbeatTimeout { get; init; } = TimeSpan.FromMilliseconds(Edge.IoModule.ModuleTiming.DefaultHeartbeatTimeoutMs);

    /// <summary>The link counts as down when no Status frame arrived for this long (the module sends one at least every second).</summary>
    public TimeSpan StatusStaleAfter { get; init; } = TimeSpan.FromSeconds(3);

    internal void Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero || HeartbeatInterval > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), HeartbeatInterval, "the heartbeat must be sent at least once a second");
        }

        if (ModuleHeartbeatTimeout < TimeSpan.FromMilliseconds(Edge.IoModule.ModuleTiming.MinHeartbeatTimeoutMs)
            || ModuleHeartbeatTimeout > TimeSpan.FromMilliseconds(Edge.IoModule.ModuleTiming.MaxHeartbeatTimeoutMs)
            || ModuleHeartbeatTimeout <= HeartbeatInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(ModuleHeartbeatTimeout), ModuleHeartbeatTimeout, "1 s to 60 s, and longer than the heartbeat interval");
        }

        if (StatusStaleAfter <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StatusStaleAfter), StatusStaleAfter, "must be positive");
        }
    }
}
