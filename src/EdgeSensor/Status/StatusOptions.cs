namespace EdgeSensor.Status;

/// <summary>How the relay follows alarms.</summary>
public enum RelayMode
{
    /// <summary>Energised on an alarm until acknowledged (drives a stack light or horn).</summary>
    Latch,

    /// <summary>Energised while healthy with no alarm; drops on alarm, fault, watchdog expiry or power loss (for PLC inputs).</summary>
    FailSafe,
}

/// <summary>The status lights' and relay's settings (the configuration's "status" section).</summary>
public sealed class StatusOptions
{
    /// <summary>Seconds without a frame on the tap after which TAP blinks fast (a silently unplugged tap).</summary>
    public double NoTrafficSeconds { get; set; } = 60;

    /// <summary>Incident score at or above which the relay raises the alarm.</summary>
    public int RelayThreshold { get; set; } = StatusLights.Critical;

    public RelayMode RelayMode { get; set; } = RelayMode.Latch;
}
