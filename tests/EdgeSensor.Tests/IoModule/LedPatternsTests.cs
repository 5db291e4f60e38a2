using Edge.IoModule;

namespace EdgeSensor.Tests.IoModule;

/// <summary>Each pattern at the edges of its phases, and the shape of whole cycles.</summary>
public class LedPatternsTests
{
    [Theory]
    [InlineData(LedPattern.BlinkSlow, 0, true)]
    [InlineData(LedPattern.BlinkSlow, 499, true)]
    [InlineData(LedPattern.BlinkSlow, 500, false)]
    [InlineData(LedPattern.BlinkSlow, 999, false)]
    [InlineData(LedPattern.BlinkSlow, 1000, true)]
    [InlineData(LedPattern.BlinkSlow, -1, false)]
    [InlineData(LedPattern.BlinkSlow, -501, true)]
    [InlineData(LedPattern.BlinkFast, 0, true)]
    [InlineData(LedPattern.BlinkFast, 124, true)]
    [InlineData(LedPattern.BlinkFast, 125, false)]
    [InlineData(LedPattern.BlinkFast, 249, false)]
    [InlineData(LedPattern.BlinkFast, 250, true)]
    [InlineData(LedPattern.Flash, 0, true)]
    [InlineData(LedPattern.Flash, 49, true)]
    [InlineData(LedPattern.Flash, 50, false)]
    [InlineData(LedPattern.Flash, 1999, false)]
    [InlineData(LedPattern.Flash, 2000, true)]
    [InlineData(LedPattern.Flash, 2049, true)]
    [InlineData(LedPattern.WigWagA, 0, true)]
    [InlineData(LedPattern.WigWagA, 249, true)]
    [InlineData(LedPattern.WigWagA, 250, false)]
    [InlineData(LedPattern.WigWagA, 499, false)]
    [InlineData(LedPattern.WigWagA, 500, true)]
    [InlineData(LedPattern.WigWagB, 0, false)]
    [InlineData(LedPattern.WigWagB, 249, false)]
    [InlineData(LedPattern.WigWagB, 250, true)]
    [InlineData(LedPattern.WigWagB, 499, true)]
    [InlineData(LedPattern.WigWagB, 500, false)]
    [InlineData(LedPattern.Off, 0, false)]
    [InlineData(LedPattern.Off, 123456, false)]
    [InlineData(LedPattern.On, 0, true)]
    [InlineData(LedPattern.On, 123456, true)]
    public void Edges(LedPattern pattern, long ms, bool on)
    {
        Assert.Equal(on, LedPatterns.IsOn(pattern, ms));
    }

    [Theory]
    [InlineData(LedPattern.Progress1, 1)]
    [InlineData(LedPattern.Progress2, 2)]
    [InlineData(LedPattern.Progress3, 3)]
    [InlineData(LedPattern.Progress4, 4)]
    public void Progress_BlinkEdges(LedPattern pattern, int blinks)
    {
        for (int k = 0; k < blinks; k++)
        {
            Assert.True(LedPatterns.IsOn(pattern, (k * 400) + 0), $"blink {k} start");
            Assert.True(LedPatterns.IsOn(pattern, (k * 400) + 149), $"blink {k} last on ms");
            Assert.False(LedPatterns.IsOn(pattern, (k * 400) + 150), $"blink {k} first off ms");
            Assert.False(LedPatterns.IsOn(pattern, (k * 400) + 399), $"blink {k} gap end");
        }

        Assert.False(LedPatterns.IsOn(pattern, blinks * 400), "no blink after the last");
        Assert.False(LedPatterns.IsOn(pattern, 3999), "pause at the end of the cycle");
        Assert.True(LedPatterns.IsOn(pattern, 4000), "next cycle");
    }

    [Theory]
    [InlineData(LedPattern.BlinkSlow, 1000, 1, 500)]
    [InlineData(LedPattern.BlinkFast, 1000, 4, 500)]
    [InlineData(LedPattern.Flash, 2000, 1, 50)]
    [InlineData(LedPattern.Progress1, 4000, 1, 150)]
    [InlineData(LedPattern.Progress2, 4000, 2, 300)]
    [InlineData(LedPattern.Progress3, 4000, 3, 450)]
    [InlineData(LedPattern.Progress4, 4000, 4, 600)]
    [InlineData(LedPattern.WigWagA, 1000, 2, 500)]
    [InlineData(LedPattern.WigWagB, 1000, 2, 500)]
    public void WholeCycle_PulsesAndOnTime(LedPattern pattern, int cycleMs, int pulses, int onMs)
    {
        // Counted over a cycle that starts at an arbitrary multiple of the cycle: phase is absolute.
        long start = 7L * cycleMs * 1000;
        int rising = 0;
        int on = 0;
        bool previous = LedPatterns.IsOn(pattern, start - 1);
        for (long t = start; t < start + cycleMs; t++)
        {
            bool level = LedPatterns.IsOn(pattern, t);
            if (level && !previous)
            {
                rising++;
            }

            on += level ? 1 : 0;
            previous = level;
        }

        Assert.Equal(pulses, rising);
        Assert.Equal(onMs, on);
    }

    [Fact]
    public void WigWag_AlwaysExactlyOneOfTheTwo()
    {
        for (long t = -1000; t < 2000; t++)
        {
            Assert.NotEqual(LedPatterns.IsOn(LedPattern.WigWagA, t), LedPatterns.IsOn(LedPattern.WigWagB, t));
        }
    }

    [Fact]
    public void UndefinedPattern_ShowsSteadyOn()
    {
        Assert.False(LedPatterns.IsDefined(LedPatterns.MaxPatternValue + 1));
        Assert.True(LedPatterns.IsOn((LedPattern)200, 0));
        Assert.True(LedPatterns.IsOn((LedPattern)200, 777));
    }
}
