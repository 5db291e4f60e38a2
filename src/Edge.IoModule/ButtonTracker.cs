namespace Edge.IoModule
{
    /// <summary>
    /// Debounces the push button and turns holds into <see cref="ButtonEvent"/>s. Sampled from the main loop: a
    /// level change counts once it has been stable for <see cref="ModuleTiming.ButtonDebounceMs"/>, and the
    /// press or release is dated to when the level first changed, so debouncing does not bias durations.
    /// <code>
    /// held &lt; 1 s, released        → ShortPress
    /// 1 s .. 5 s, released          → nothing
    /// held 5 s                      → LongPressArmed       (while held: LongPressArmed state)
    /// held 10 s                     → FactoryResetConfirmed
    /// released between 5 and 10 s   → Cancelled
    /// released after 10 s           → Released
    /// </code>
    /// </summary>
    public sealed class ButtonTracker
    {
        private bool _started;
        private bool _raw;
        private long _rawSince;
        private bool _pressed;
        private long _pressedAt;
        private bool _armed;
        private bool _confirmed;

        /// <summary>The debounced level.</summary>
        public bool IsPressed
        {
            get { return _pressed; }
        }

        /// <summary>Held past the arming time and not yet released.</summary>
        public bool IsArmed
        {
            get { return _pressed && _armed; }
        }

        /// <summary>Held past the factory-reset time and not yet released.</summary>
        public bool IsConfirmed
        {
            get { return _pressed && _confirmed; }
        }

        /// <summary>Takes one sample; returns the event it completes, or <see cref="ButtonEvent.None"/>.</summary>
        public ButtonEvent Update(long nowMs, bool rawPressed)
        {
            if (!_started)
            {
                // Released is assumed at start, so a button held through a reset is a press dated to the start.
                _started = true;
                _raw = false;
                _rawSince = nowMs;
            }

            if (rawPressed != _raw)
            {
                _raw = rawPressed;
                _rawSince = nowMs;
            }

            if (_raw != _pressed && nowMs - _rawSince >= ModuleTiming.ButtonDebounceMs)
            {
                _pressed = _raw;
                if (_pressed)
                {
                    _pressedAt = _rawSince;
                    _armed = false;
                    _confirmed = false;
                }
                else
                {
                    long held = _rawSince - _pressedAt;
                    ButtonEvent released = _confirmed ? ButtonEvent.Released
                        : _armed ? ButtonEvent.Cancelled
                        : held < ModuleTiming.ShortPressMaxMs ? ButtonEvent.ShortPress
                        : ButtonEvent.None;
                    _armed = false;
                    _confirmed = false;
                    return released;
                }
            }

            // Only while the raw level still says pressed: a release being debounced must not arm.
            if (_pressed && _raw)
            {
                long held = nowMs - _pressedAt;
                if (!_armed && held >= ModuleTiming.LongPressArmMs)
                {
                    _armed = true;
                    return ButtonEvent.LongPressArmed;
                }

                if (_armed && !_confirmed && held >= ModuleTiming.FactoryResetMs)
                {
                    _confirmed = true;
                    return ButtonEvent.FactoryResetConfirmed;
                }
            }

            return ButtonEvent.None;
        }
    }
}
