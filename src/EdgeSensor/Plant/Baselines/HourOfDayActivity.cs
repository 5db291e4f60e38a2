using System.Runtime.CompilerServices;

namespace EdgeSensor.Plant.Baselines;

/// <summary>Minutes with traffic in each of the 24 hours of the day (UTC), inline in the device record.</summary>
[InlineArray(24)]
public struct HourOfDayActivity
{
    private ushort _minutes;
}
