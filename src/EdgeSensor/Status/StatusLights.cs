using Edge.IoModule;

namespace EdgeSensor.Status;

/// <summary>The four status LEDs' patterns at one moment.</summary>
public readonly record struct LedSet(LedPattern Run, LedPattern Net, LedPattern Tap, LedPattern Alarm)
{
    public static LedSet All(LedPattern pattern) => new(pattern, pattern, pattern, pattern);
}

/// <summary>
/// The sensor's light language (the table in hardware/INSTALL.md, kept here as code): which pattern each LED shows
/// for a state, and whether the alarm relay is energised. Pure functions of <see cref="StatusInputs"/>, so every state
/// and transition is tested without hardware, and the GPIO board and the USB I/O module show the same thing.
/// </summary>
public static class StatusLights
{
    /// <summary>Incident score bands, as the collector's dashboard names them (medium 30, high 60, critical 80).</summary>
    public const int Medium = 30;

    public const int High = 60;

    public const int Critical = 80;

    /// <summary>Outbox fill above which NET blinks fast: findings will soon be dropped.</summary>
    public const double OutboxAlmostFull = 0.8;

    public static LedSet Compute(in StatusInputs s, StatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (s.ResetArmed)
        {
            return LedSet.All(LedPattern.BlinkFast);
        }

        if (s.Fault)
        {
            return new LedSet(LedPattern.WigWagA, LedPattern.Off, LedPattern.Off, LedPattern.WigWagB);
        }

        return s.Stage switch
        {
            BootStage.Booting => new LedSet(LedPattern.BlinkFast, LedPattern.Off, LedPattern.Off, LedPattern.Off),
            BootStage.WaitingForProvisioning => new LedSet(LedPattern.BlinkSlow, LedPattern.Flash, Tap(s, options), LedPattern.Off),
            BootStage.Provisioning => new LedSet(LedPattern.BlinkSlow, LedPattern.BlinkFast, Tap(s, options), LedPattern.Off),
            _ => new LedSet(Run(s), Net(s), Tap(s, options), Alarm(s.UnacknowledgedScore)),
        };
    }

    /// <summary>
    /// The relay: in latch mode energised while an unacknowledged open incident scores at or above the threshold; in
    /// fail-safe mode energised while healthy with no such alarm, so an alarm, a fault, a dead sensor (watchdog) or a
    /// power cut all open the circuit the plant's signalling watches.
    /// </summary>
    public static bool RelayEnergised(in StatusInputs s, StatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool alarm = s.UnacknowledgedScore >= options.RelayThreshold;
        return options.RelayMode == RelayMode.FailSafe ? !alarm && !s.Fault : alarm;
    }

    private static LedPattern Run(in StatusInputs s)
    {
        if (!s.Learning)
        {
            return LedPattern.On;
        }

        // One short blink per started quarter of the learning period.
        return s.LearningProgress switch
        {
            < 0.25 => LedPattern.Progress1,
            < 0.5 => LedPattern.Progress2,
            < 0.75 => LedPattern.Progress3,
            _ => LedPattern.Progress4,
        };
    }

    private static LedPattern Net(in StatusInputs s) => s.Uplink switch
    {
        UplinkLight.NotConfigured => LedPattern.Off,
        UplinkLight.Connected => LedPattern.On,
        _ => s.OutboxFill > OutboxAlmostFull ? LedPattern.BlinkFast : LedPattern.BlinkSlow,
    };

    private static LedPattern Tap(in StatusInputs s, StatusOptions options) => s.SecondsSinceLastFrame switch
    {
        null => LedPattern.Off,
        { } quiet when quiet >= options.NoTrafficSeconds => LedPattern.BlinkFast,
        { } quiet when quiet <= 1 => LedPattern.On,
        _ => LedPattern.Off,
    };

    private static LedPattern Alarm(int score) => score switch
    {
        >= Critical => LedPattern.On,
        >= High => LedPattern.BlinkFast,
        >= Medium => LedPattern.BlinkSlow,
        _ => LedPattern.Off,
    };
}
