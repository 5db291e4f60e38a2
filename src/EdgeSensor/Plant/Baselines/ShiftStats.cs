using System.Runtime.CompilerServices;

namespace EdgeSensor.Plant.Baselines;

/// <summary>Bytes-per-minute statistics per 4-hour shift of the day (plants run in shifts).</summary>
[InlineArray(RateBaseline.Shifts)]
public struct ShiftStats
{
    private CompactStats _stats;
}
