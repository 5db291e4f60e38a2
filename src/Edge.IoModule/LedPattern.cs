namespace Edge.IoModule
{
    /// <summary>
    /// What an LED shows. The byte value is the wire value in SetOutputs; timing lives in <see cref="LedPatterns.IsOn"/>.
    /// </summary>
    public enum LedPattern : byte
    {
        Off = 0,
        On = 1,

        /// <summary>1 Hz: 500 ms on, 500 ms off.</summary>
        BlinkSlow = 2,

        /// <summary>4 Hz: 125 ms on, 125 ms off.</summary>
        BlinkFast = 3,

        /// <summary>50 ms on every 2 s.</summary>
        Flash = 4,

        /// <summary>1 short blink (150 ms on, 250 ms off) then a pause, in a 4 s cycle.</summary>
        Progress1 = 5,

        /// <summary>2 short blinks then a pause, in a 4 s cycle.</summary>
        Progress2 = 6,

        /// <summary>3 short blinks then a pause, in a 4 s cycle.</summary>
        Progress3 = 7,

        /// <summary>4 short blinks then a pause, in a 4 s cycle.</summary>
        Progress4 = 8,

        /// <summary>2 Hz alternating, first half: on during the first 250 ms of each 500 ms period.</summary>
        WigWagA = 9,

        /// <summary>2 Hz alternating, second half: on during the last 250 ms of each 500 ms period.</summary>
        WigWagB = 10,
    }
}
