using EdgeSensor.Status.Hardware;

using Edge.IoModule;

namespace EdgeSensor.Status;

/// <summary>
/// One turn of the status loop, with time given by the caller: read the sensor's state, compute the lights and the
/// relay, show them, and act on the button. A lamp test (all lights on) fills the first second. The status service
/// calls <see cref="Tick"/> every 25 ms on its own thread; tests call it with a clock they control.
/// </summary>
public sealed class StatusController(IStatusHardware hardware, StatusOptions options, Func<long, StatusInputs> read, Action<ButtonEvent> onButton)
{
    public const long LampTestMs = 1000;

    private long? _startMs;

    /// <summary>The lights and relay shown by the last tick (for logs and tests).</summary>
    public (LedSet Leds, bool Relay) Last { get; private set; }

    public void Tick(long nowMs)
    {
        _startMs ??= nowMs;
        StatusInputs inputs = read(nowMs) with { ResetArmed = hardware.ResetArmed };
        LedSet leds;
        bool relay;
        if (nowMs - _startMs.Value < LampTestMs)
        {
            leds = LedSet.All(Edge.IoModule.LedPattern.On);
            relay = false;
        }
        else
        {
            leds = StatusLights.Compute(inputs, options);
            relay = StatusLights.RelayEnergised(inputs, options);
        }

        hardware.Show(leds, relay, nowMs);
        Last = (leds, relay);
        ButtonEvent button = hardware.PollButton(nowMs);
        if (button != ButtonEvent.None)
        {
            onButton(button);
        }
    }
}
