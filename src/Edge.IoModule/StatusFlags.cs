using System;

namespace Edge.IoModule
{
    /// <summary>Status offset 2.</summary>
    [Flags]
    public enum StatusFlags : byte
    {
        None = 0,

        /// <summary>No valid SetOutputs within the heartbeat timeout: fault pattern shown, relay de-energised.</summary>
        Fault = 0x01,

        /// <summary>The button is down (debounced).</summary>
        ButtonDown = 0x02,

        /// <summary>The 1 s lamp test after start is running.</summary>
        LampTest = 0x04,

        /// <summary>The last SetOutputs asked for fail-safe relay mode.</summary>
        FailSafeMode = 0x08,

        /// <summary>The relay coil is energised now.</summary>
        RelayEnergised = 0x10,

        /// <summary>No valid SetOutputs has arrived since the module started.</summary>
        Waiting = 0x20,
    }
}
