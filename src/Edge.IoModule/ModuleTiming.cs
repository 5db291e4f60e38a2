namespace Edge.IoModule
{
    /// <summary>Timing of the module's behaviour (firmware/io-module/README.md, "Timing").</summary>
    public static class ModuleTiming
    {
        /// <summary>All LEDs on for this long after start.</summary>
        public const int LampTestMs = 1000;

        /// <summary>Fault after this long without a valid SetOutputs, unless SetOutputs asked for another value.</summary>
        public const int DefaultHeartbeatTimeoutMs = 3000;

        /// <summary>Shortest timeout accepted: the sensor sends at least once a second, so less would flap.</summary>
        public const int MinHeartbeatTimeoutMs = 1000;

        public const int MaxHeartbeatTimeoutMs = 60000;

        /// <summary>The sensor sends SetOutputs at least this often.</summary>
        public const int HeartbeatIntervalMs = 1000;

        /// <summary>The module sends Status at least this often.</summary>
        public const int StatusIntervalMs = 1000;

        /// <summary>The button level must be stable this long before a change counts.</summary>
        public const int ButtonDebounceMs = 30;

        /// <summary>Released before this: ShortPress.</summary>
        public const int ShortPressMaxMs = 1000;

        /// <summary>Held this long: LongPressArmed.</summary>
        public const int LongPressArmMs = 5000;

        /// <summary>Held this long: FactoryResetConfirmed.</summary>
        public const int FactoryResetMs = 10000;

        /// <summary>The timeout in force for a SetOutputs value: 0 means the default, others are clamped.</summary>
        public static int EffectiveHeartbeatTimeoutMs(ushort requested)
        {
            if (requested == 0)
            {
                return DefaultHeartbeatTimeoutMs;
            }

            if (requested < MinHeartbeatTimeoutMs)
            {
                return MinHeartbeatTimeoutMs;
            }

            return requested > MaxHeartbeatTimeoutMs ? MaxHeartbeatTimeoutMs : requested;
        }
    }
}
