using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

public sealed class SequenceRangesTests
{
    [Fact]
    public void Adjacent_and_overlapping_additions_merge()
    {
        var ranges = new SequenceRanges();
        ranges.Add(5);
        ranges.Add(7);
        ranges.Add(6);
        ranges.AddRange(10, 12);
        ranges.AddRange(1, 3);
        Assert.Equal([(1L, 3L), (5L, 7L), (10L, 12L)], ranges.Ranges);
        ranges.AddRange(2, 10);
        Assert.Equal([(1L, 12L)], ranges.Ranges);
        ranges.RemoveBelow(4);
        Assert.Equal([(4L, 12L)], ranges.Ranges);
        ranges.RemoveBelow(13);
        Assert.Empty(ranges.Ranges);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Matches_a_plain_set_through_random_additions_and_floors(int seed)
    {
        var random = new Random(seed);
        var ranges = new SequenceRanges();
        var model = new SortedSet<long>();
        long floor = 0;
        for (int step = 0; step < 2000; step++)
        {
            if (random.Next(20) == 0)
            {
                floor += random.Next(0, 20);
                ranges.RemoveBelow(floor);
                model.RemoveWhere(s => s < floor);
            }
            else
            {
                long first = floor + random.Next(0, 200);
                long last = first + (random.Next(4) == 0 ? random.Next(0, 6) : 0);
                ranges.AddRange(first, last);
                for (long s = first; s <= last; s++)
                {
                    model.Add(s);
                }
            }

            for (int i = 1; i < ranges.Ranges.Count; i++)
            {
                Assert.True(ranges.Ranges[i - 1].Last + 1 < ranges.Ranges[i].First, "ranges must be sorted, disjoint, non-adjacent");
            }

            long probe = floor + random.Next(-5, 210);
            Assert.Equal(model.Contains(probe), ranges.Contains(probe));
        }

        Assert.Equal(model, ranges.Ranges.SelectMany(r => LongRange(r.First, r.Last)));
    }

    private static IEnumerable<long> LongRange(long first, long last)
    {
        for (long s = first; s <= last; s++)
        {
            yield return s;
        }
    }
}
