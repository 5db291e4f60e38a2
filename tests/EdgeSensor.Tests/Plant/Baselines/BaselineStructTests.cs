using EdgeSensor.Plant.Baselines;

namespace EdgeSensor.Tests.Plant.Baselines;

public sealed class BaselineStructTests
{
    [Fact]
    public void Running_stats_match_the_two_pass_formula()
    {
        var values = new double[] { 120, 80, 100, 140, 60, 100, 100 };
        var stats = default(RunningStats);
        foreach (double v in values)
        {
            stats.Add(v);
        }

        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        Assert.Equal(mean, stats.Mean, 9);
        Assert.Equal(variance, stats.Variance, 9);
        Assert.Equal((160 - mean) / Math.Sqrt(variance), stats.ZScore(160), 9);
    }

    [Fact]
    public void Rate_baseline_folds_each_minute_into_its_hour_and_shift()
    {
        var rate = default(RateBaseline);
        long hour7 = 7 * 3_600_000_000L;
        rate.Add(hour7, 100);
        rate.Add(hour7 + 1_000_000, 50);             // same minute
        rate.Add(hour7 + 60_000_000, 30);            // next minute: the first is folded
        rate.Fold();

        Assert.Equal(2, rate.BytesPerMinute.Count);
        Assert.Equal(90, rate.BytesPerMinute.Mean);  // (150 + 30) / 2
        Assert.Equal(2, rate.ActiveMinutesByHour[7]);
        Assert.Equal(2u, rate.ByShift[1].Count);      // 04:00-08:00
    }

    [Fact]
    public void Small_set_reports_new_values_and_overflow()
    {
        var set = default(SmallSet16);
        for (ushort i = 0; i < SmallSet16.Capacity; i++)
        {
            Assert.True(set.Add(i));
        }

        Assert.False(set.Add(3));
        Assert.True(set.Add(100));
        Assert.True(set.Overflowed);
        Assert.Equal(SmallSet16.Capacity, set.Count);
    }

    [Fact]
    public void Bitmap_covers_all_byte_values()
    {
        var map = default(Bitmap256);
        Assert.True(map.Add(0));
        Assert.True(map.Add(255));
        Assert.True(map.Add(130));
        Assert.False(map.Add(130));
        Assert.True(map.Contains(255));
        Assert.False(map.Contains(129));
        Assert.Equal(3, map.Count);
    }
}
