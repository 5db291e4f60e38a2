namespace EdgeSensor.Plant.Baselines;

/// <summary>
/// A device's traffic rate: bytes per active minute (running mean/variance, overall and per 4-hour shift of the day)
/// and which hours of the day it is active. Updated in place on the hot path; a minute is folded in when the next
/// one starts.
/// </summary>
public struct RateBaseline
{
    public const int Shifts = 6;

    public long CurrentMinute;
    public long BytesThisMinute;
    public RunningStats BytesPerMinute;
    public ShiftStats ByShift;
    public HourOfDayActivity ActiveMinutesByHour;

    public void Add(long timestampMicroseconds, int bytes)
    {
        long minute = timestampMicroseconds / 60_000_000L;
        if (minute != CurrentMinute)
        {
            Fold();
            CurrentMinute = minute;
        }

        BytesThisMinute += bytes;
    }

    /// <summary>Folds the minute in progress into the statistics (also called before a snapshot or save).</summary>
    public void Fold()
    {
        if (BytesThisMinute == 0)
        {
            return;
        }

        BytesPerMinute.Add(BytesThisMinute);
        int hour = (int)((CurrentMinute / 60) % 24);
        ByShift[hour / 4].Add(BytesThisMinute);
        if (ActiveMinutesByHour[hour] < ushort.MaxValue)
        {
            ActiveMinutesByHour[hour]++;
        }

        BytesThisMinute = 0;
    }
}
