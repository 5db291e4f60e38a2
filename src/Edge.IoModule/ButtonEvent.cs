namespace Edge.IoModule
{
    /// <summary>What the module's push button did (Status offset 3). Thresholds are in <see cref="ModuleTiming"/>.</summary>
    public enum ButtonEvent : byte
    {
        /// <summary>No event since the module started.</summary>
        None = 0,

        /// <summary>Pressed and released within 1 s (after 30 ms debounce).</summary>
        ShortPress = 1,

        /// <summary>Held for 5 s: a factory reset is armed; all LEDs blink fast while held.</summary>
        LongPressArmed = 2,

        /// <summary>Held for 10 s: the factory reset is confirmed (the sensor performs it).</summary>
        FactoryResetConfirmed = 3,

        /// <summary>Released between 5 and 10 s: the armed factory reset is cancelled.</summary>
        Cancelled = 4,

        /// <summary>Released after <see cref="FactoryResetConfirmed"/>.</summary>
        Released = 5,
    }
}
