namespace EdgeSensor.Status;

/// <summary>Where the sensor is in its life, before it protects anything.</summary>
public enum BootStage
{
    /// <summary>Starting: configuration read, capture not open yet.</summary>
    Booting,

    /// <summary>In factory state: looking for the collector's provisioning endpoint.</summary>
    WaitingForProvisioning,

    /// <summary>Claim sent, waiting for the collector's certificate and configuration.</summary>
    Provisioning,

    /// <summary>Capturing: learning or protecting.</summary>
    Running,
}

/// <summary>The uplink to the collector as the lights show it.</summary>
public enum UplinkLight
{
    /// <summary>No uplink configured: findings go to a file only.</summary>
    NotConfigured,

    /// <summary>Connected, nothing waiting in the outbox.</summary>
    Connected,

    /// <summary>Connected and draining, or down with findings kept in the outbox.</summary>
    Down,
}

/// <summary>
/// What the status lights and the relay are computed from: one consistent reading of the sensor's state, taken off
/// the capture thread by the status service (racy reads of single fields, as metrics do; a state a moment old is fine).
/// </summary>
public readonly record struct StatusInputs
{
    public BootStage Stage { get; init; }

    /// <summary>True while learning; false when protecting.</summary>
    public bool Learning { get; init; }

    /// <summary>Progress through the learning period, 0 to 1.</summary>
    public double LearningProgress { get; init; }

    public UplinkLight Uplink { get; init; }

    /// <summary>How full the outbox is, 0 to 1 of its byte cap.</summary>
    public double OutboxFill { get; init; }

    /// <summary>Seconds since the last frame was captured; null before the first frame.</summary>
    public double? SecondsSinceLastFrame { get; init; }

    /// <summary>The highest score of an open incident nobody acknowledged yet; 0 when there is none.</summary>
    public int UnacknowledgedScore { get; init; }

    /// <summary>A fault: capture stopped with an error, or a service of the sensor died.</summary>
    public bool Fault { get; init; }

    /// <summary>The button is held past the factory-reset arming time.</summary>
    public bool ResetArmed { get; init; }
}
