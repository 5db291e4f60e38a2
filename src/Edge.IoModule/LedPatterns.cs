namespace Edge.IoModule
{
    /// <summary>
    /// The one definition of LED pattern timing, shared by the I/O module firmware and the sensor's own GPIO
    /// status LEDs. Pure: the level depends only on the pattern and the time, so every LED driven from one clock
    /// blinks in phase with the others.
    /// </summary>
    public static class LedPatterns
    {
        public const int LedCount = 4;

        /// <summary>The largest defined <see cref="LedPattern"/> value; anything above is not a pattern.</summary>
        public const byte MaxPatternValue = (byte)LedPattern.WigWagB;

        public const int BlinkSlowPeriodMs = 1000;
        public const int BlinkSlowOnMs = 500;
        public const int BlinkFastPeriodMs = 250;
        public const int BlinkFastOnMs = 125;
        public const int FlashPeriodMs = 2000;
        public const int FlashOnMs = 50;
        public const int ProgressCycleMs = 4000;
        public const int ProgressBlinkOnMs = 150;
        public const int ProgressBlinkOffMs = 250;

        /// <summary>One short blink of a Progress pattern: 150 ms on then 250 ms off.</summary>
        public const int ProgressSlotMs = ProgressBlinkOnMs + ProgressBlinkOffMs;

        public const int WigWagPeriodMs = 500;
        public const int WigWagHalfMs = WigWagPeriodMs / 2;

        /// <summary>True when the byte is a defined pattern (wire validation).</summary>
        public static bool IsDefined(byte value)
        {
            return value <= MaxPatternValue;
        }

        /// <summary>
        /// The LED level of <paramref name="pattern"/> at <paramref name="milliseconds"/> on any monotonic clock.
        /// Every period starts at a multiple of its length (time 0 is the start of an "on" phase, except
        /// WigWagB). Negative times are folded like positive ones. Undefined values show steady on, so a
        /// mistake is visible rather than dark.
        /// </summary>
        public static bool IsOn(LedPattern pattern, long milliseconds)
        {
            switch (pattern)
            {
                case LedPattern.Off:
                    return false;
                case LedPattern.On:
                    return true;
                case LedPattern.BlinkSlow:
                    return Phase(milliseconds, BlinkSlowPeriodMs) < BlinkSlowOnMs;
                case LedPattern.BlinkFast:
                    return Phase(milliseconds, BlinkFastPeriodMs) < BlinkFastOnMs;
                case LedPattern.Flash:
                    return Phase(milliseconds, FlashPeriodMs) < FlashOnMs;
                case LedPattern.Progress1:
                    return IsProgressOn(1, milliseconds);
                case LedPattern.Progress2:
                    return IsProgressOn(2, milliseconds);
                case LedPattern.Progress3:
                    return IsProgressOn(3, milliseconds);
                case LedPattern.Progress4:
                    return IsProgressOn(4, milliseconds);
                case LedPattern.WigWagA:
                    return Phase(milliseconds, WigWagPeriodMs) < WigWagHalfMs;
                case LedPattern.WigWagB:
                    return Phase(milliseconds, WigWagPeriodMs) >= WigWagHalfMs;
                default:
                    return true;
            }
        }

        // n blinks at the start of the 4 s cycle: blink k (0-based) is on in [k*400, k*400+150).
        private static bool IsProgressOn(int blinks, long milliseconds)
        {
            long phase = Phase(milliseconds, ProgressCycleMs);
            long slot = phase / ProgressSlotMs;
            return slot < blinks && phase - (slot * ProgressSlotMs) < ProgressBlinkOnMs;
        }

        // Position in [0, period) also for negative times (C#'s % keeps the dividend's sign).
        private static long Phase(long milliseconds, long period)
        {
            long phase = milliseconds % period;
            return phase < 0 ? phase + period : phase;
        }
    }
}
