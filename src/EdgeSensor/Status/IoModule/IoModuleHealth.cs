namespace EdgeSensor.Status.IoModule;

/// <summary>
/// The link as the sensor sees it. <see cref="Up"/> is the one-word answer: a Status arrived within
/// <see cref="IoModuleLinkOptions.StatusStaleAfter"/> and the module is not in fault.
/// </summary>
public readonly record struct IoModuleHealth
{
    /// <summary>A Status frame arrived recently and the module reports no fault.</summary>
    public bool Up => StatusAge is { } age && !Stale && !ModuleFault && age >= TimeSpan.Zero;

    /// <summary>Time since the last valid Status frame; null before the first.</summary>
    public TimeSpan? StatusAge { get; init; }

    /// <summary>No Status yet, or the last one is older than <see cref="IoModuleLinkOptions.StatusStaleAfter"/>.</summary>
    public bool Stale { get; init; }

    /// <summary>The module's last Status said it is in fault (it saw no valid SetOutputs for its timeout).</summary>
    public bool ModuleFault { get; init; }

    /// <summary>"major.minor" from the last Status; null before the first.</summary>
    public string? FirmwareVersion { get; init; }

    /// <summary>SetOutputs frames written.</summary>
    public long FramesSent { get; init; }

    /// <summary>Valid Status frames received.</summary>
    public long StatusFrames { get; init; }

    /// <summary>Frames from the module that the sensor rejected: malformed, wrong type or undefined field values.</summary>
    public long BadFramesReceived { get; init; }

    /// <summary>Bytes from the module that were not part of a valid frame.</summary>
    public long DroppedBytes { get; init; }

    /// <summary>The module's own count of bad frames it received from the sensor (wraps at 65536).</summary>
    public int ModuleBadFrames { get; init; }

    /// <summary>The sequence number of the last SetOutputs sent, and the last one the module says it received.</summary>
    public byte LastSequenceSent { get; init; }

    public byte LastSequenceAcknowledged { get; init; }

    /// <summary>Button events the module reported whose Status frames were lost (the event counter jumped).</summary>
    public long MissedButtonEvents { get; init; }

    /// <summary>Times the module's uptime went backwards: it restarted.</summary>
    public long ModuleRestarts { get; init; }
}
