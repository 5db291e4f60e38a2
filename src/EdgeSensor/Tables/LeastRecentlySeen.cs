namespace EdgeSensor.Tables;

/// <summary>
/// Finds the occupied slot seen least recently: the eviction victim of the sensor's fixed-capacity tables (flows,
/// connections, devices, relations). A linear scan, run only when a table is full; generic over the slot struct so
/// the calls are constrained (no boxing).
/// </summary>
public static class LeastRecentlySeen
{
    /// <summary>The index of the oldest occupied slot, or -1 when none is occupied.</summary>
    public static int Index<T>(ReadOnlySpan<T> slots)
        where T : struct, ISeenSlot
    {
        int oldest = -1;
        long oldestSeen = long.MaxValue;
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i].IsOccupied && slots[i].SeenAt < oldestSeen)
            {
                oldestSeen = slots[i].SeenAt;
                oldest = i;
            }
        }

        return oldest;
    }
}
