namespace EdgeSensor.Status;

/// <summary>What a press of the cabinet's button means.</summary>
public enum ButtonEvent
{
    None,

    /// <summary>Pressed and released within <see cref="ButtonGesture.ShortPressMaxMs"/>: acknowledge the alarm.</summary>
    ShortPress,

    /// <summary>Held for <see cref="ButtonGesture.ArmMs"/>: factory reset armed; all LEDs blink fast while it is held.</summary>
    ResetArmed,

    /// <summary>Held for <see cref="ButtonGesture.ConfirmMs"/>: factory reset confirmed.</summary>
    ResetConfirmed,

    /// <summary>Released after arming and before confirming: the reset is cancelled.</summary>
    ResetCancelled,
}

/// <summary>
/// Turns the button's raw level, sampled with a monotonic time in milliseconds, into gestures: debounced presses,
/// a short press (acknowledge), and a long press that arms at 5 s and confirms a factory reset at 10 s (released in
/// between: cancelled). A press between 1 s and 5 s means nothing. No timers of its own: the caller ticks it, so it
/// is tested with a clock it controls.
/// </summary>
public sealed class ButtonGesture
{
    public const long DebounceMs = 30;
    public const long ShortPressMaxMs = 1000;
    public const long ArmMs = 5000;
    public const long ConfirmMs = 10_000;

    private bool _raw;
    private long _rawSince;
    private bool _pressed;
    private long _pressedAt;
    private bool _armed;
    private bool _confirmed;

    /// <summary>True while the button is held past the arming time (and not yet confirmed).</summary>
    public bool Armed => _armed && !_confirmed;

    /// <summary>Feeds one sample; returns the gesture it completes, if any.</summary>
    public ButtonEvent Sample(long nowMs, bool pressed)
    {
        if (pressed != _raw)
        {
            _raw = pressed;
            _rawSince = nowMs;
        }

        // The level counts once it has been stable for the debounce time.
        if (_raw != _pressed && nowMs - _rawSince >= DebounceMs)
        {
            _pressed = _raw;
            if (_pressed)
            {
                _pressedAt = _rawSince;
                _armed = false;
                _confirmed = false;
                return ButtonEvent.None;
            }

            long held = _rawSince - _pressedAt;
            if (_armed && !_confirmed)
            {
                _armed = false;
                return ButtonEvent.ResetCancelled;
            }

            _armed = false;
            return held <= ShortPressMaxMs && !_confirmed ? ButtonEvent.ShortPress : ButtonEvent.None;
        }

        if (_pressed && !_confirmed)
        {
            long held = nowMs - _pressedAt;
            if (held >= ConfirmMs)
            {
                _confirmed = true;
                return ButtonEvent.ResetConfirmed;
            }

            if (held >= ArmMs && !_armed)
            {
                _armed = true;
                return ButtonEvent.ResetArmed;
            }
        }

        return ButtonEvent.None;
    }
}
