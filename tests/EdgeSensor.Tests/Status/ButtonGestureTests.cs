using EdgeSensor.Status;

namespace EdgeSensor.Tests.Status;

/// <summary>The cabinet button's gestures, sampled every 25 ms as the status service does, on a clock the test owns.</summary>
public sealed class ButtonGestureTests
{
    /// <summary>Holds the button for <paramref name="heldMs"/> and releases it; returns every event in order.</summary>
    private static List<ButtonEvent> Press(ButtonGesture g, ref long now, long heldMs, long afterMs = 200)
    {
        var events = new List<ButtonEvent>();
        long until = now + heldMs;
        for (; now < until; now += 25)
        {
            Add(events, g.Sample(now, pressed: true));
        }

        for (long end = now + afterMs; now < end; now += 25)
        {
            Add(events, g.Sample(now, pressed: false));
        }

        return events;
    }

    private static void Add(List<ButtonEvent> events, ButtonEvent e)
    {
        if (e != ButtonEvent.None)
        {
            events.Add(e);
        }
    }

    [Fact]
    public void A_short_press_acknowledges()
    {
        var g = new ButtonGesture();
        long now = 0;
        Assert.Equal([ButtonEvent.ShortPress], Press(g, ref now, 300));
    }

    [Fact]
    public void Bounces_shorter_than_the_debounce_time_are_ignored()
    {
        var g = new ButtonGesture();
        var events = new List<ButtonEvent>();
        // 10 ms blips, as a bouncing contact gives: never stable for 30 ms.
        for (long t = 0; t < 500; t += 10)
        {
            Add(events, g.Sample(t, pressed: t % 20 == 0));
        }

        Assert.Empty(events);
    }

    [Fact]
    public void A_press_between_one_and_five_seconds_means_nothing()
    {
        var g = new ButtonGesture();
        long now = 0;
        Assert.Empty(Press(g, ref now, 3000));
    }

    [Fact]
    public void Held_five_seconds_arms_and_releasing_cancels()
    {
        var g = new ButtonGesture();
        long now = 0;
        var events = new List<ButtonEvent>();
        for (; now < 6000; now += 25)
        {
            Add(events, g.Sample(now, pressed: true));
        }

        Assert.Equal([ButtonEvent.ResetArmed], events);
        Assert.True(g.Armed);
        for (long end = now + 200; now < end; now += 25)
        {
            Add(events, g.Sample(now, pressed: false));
        }

        Assert.Equal([ButtonEvent.ResetArmed, ButtonEvent.ResetCancelled], events);
        Assert.False(g.Armed);
    }

    [Fact]
    public void Held_ten_seconds_confirms_the_factory_reset_once()
    {
        var g = new ButtonGesture();
        long now = 0;
        Assert.Equal([ButtonEvent.ResetArmed, ButtonEvent.ResetConfirmed], Press(g, ref now, 12_000));
        Assert.False(g.Armed);
        Assert.Equal([ButtonEvent.ShortPress], Press(g, ref now, 200));   // and it works again afterwards
    }
}
