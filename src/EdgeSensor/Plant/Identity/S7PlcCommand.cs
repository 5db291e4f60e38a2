namespace EdgeSensor.Plant.Identity;

/// <summary>An operating-state command seen in a Job sent to the CPU.</summary>
public enum S7PlcCommand : byte
{
    None = 0,

    /// <summary>Function 0x29, PLC stop.</summary>
    Stop,

    /// <summary>Function 0x28, PI service "P_PROGRAM": start (warm / cold restart) of the user program.</summary>
    Start,
}
