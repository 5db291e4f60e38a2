namespace Edge.IoModule
{
    /// <summary>The module's four front-panel LEDs, in the order their patterns travel in SetOutputs.</summary>
    public enum Led : byte
    {
        /// <summary>Green: the sensor is running.</summary>
        Run = 0,

        /// <summary>Green: uplink / collector connection.</summary>
        Net = 1,

        /// <summary>Amber: capture (mirror port / TAP) traffic.</summary>
        Tap = 2,

        /// <summary>Red: alarm.</summary>
        Alarm = 3,
    }
}
