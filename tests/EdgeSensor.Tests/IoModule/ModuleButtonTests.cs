using Edge.IoModule;

namespace EdgeSensor.Tests.IoModule;

/// <summary>The push button through <see cref="ModuleStateMachine"/>: debounce, short press, long press, reset, cancel.</summary>
public class ModuleButtonTests
{
    private readonly ModuleStateMachine _m = new(0, 1, 0);
    private readonly List<(long At, ButtonEvent Event)> _events = [];
    private long _now;

    public ModuleButtonTests()
    {
        // Healthy outputs refreshed as time goes, so fault does not mask what the button shows.
        Hold(false, 1500);
    }

    /// <summary>Ticks every 5 ms for <paramref name="ms"/> with the raw level given, feeding a heartbeat every second.</summary>
    private void Hold(bool pressed, long ms)
    {
        long end = _now + ms;
        while (_now < end)
        {
            _now += 5;
            if (_now % 1000 == 0)
            {
                ModuleStateMachineTests.Feed(_m, ModuleStateMachineTests.MakeSetOutputs(relay: true, failSafe: true, run: LedPattern.On, net: LedPattern.Off), _now);
            }

            byte before = _m.ButtonEventCount;
            _m.Tick(_now, pressed);
            if (_m.ButtonEventCount != before)
            {
                _events.Add((_now, _m.LastButtonEvent));
            }
        }
    }

    private LedPattern[] Shown() => [_m.ShownPattern(Led.Run), _m.ShownPattern(Led.Net), _m.ShownPattern(Led.Tap), _m.ShownPattern(Led.Alarm)];

    [Fact]
    public void Debounce_GlitchShorterThan30msIsIgnored()
    {
        Hold(true, 25);
        Hold(false, 500);
        Assert.Empty(_events);
        Assert.False(_m.CurrentStatus().Flags.HasFlag(StatusFlags.ButtonDown));
    }

    [Fact]
    public void Debounce_BouncingContactsGiveOnePress()
    {
        for (int i = 0; i < 4; i++)
        {
            Hold(true, 5);
            Hold(false, 5);
        }

        Hold(true, 200);
        Assert.True(_m.CurrentStatus().Flags.HasFlag(StatusFlags.ButtonDown));

        // Release with bounce too.
        Hold(false, 10);
        Hold(true, 10);
        Hold(false, 100);
        var e = Assert.Single(_events);
        Assert.Equal(ButtonEvent.ShortPress, e.Event);
    }

    [Fact]
    public void ShortPress()
    {
        long pressedAt = _now;
        Hold(true, 300);
        long releasedAt = _now + 5; // the first released sample
        Hold(false, 100);
        var e = Assert.Single(_events);
        Assert.Equal(ButtonEvent.ShortPress, e.Event);
        Assert.Equal(releasedAt + ModuleTiming.ButtonDebounceMs, e.At);
        Assert.True(e.At > pressedAt);
        Assert.Equal(1, _m.ButtonEventCount);
        Assert.True(_m.StatusDue);
        Assert.Equal(ButtonEvent.ShortPress, _m.CurrentStatus().LastButtonEvent);
    }

    [Fact]
    public void PressBetweenOneAndFiveSeconds_NoEvent()
    {
        Hold(true, 1000);
        Hold(false, 100);
        Hold(true, 4900);
        Hold(false, 100);
        Assert.Empty(_events);
    }

    [Fact]
    public void LongPress_ArmedAtFiveSeconds_AllLedsBlinkFastWhileHeld_ThenCancelled()
    {
        long pressedAt = _now + 5; // the first pressed sample
        Hold(true, 4995);          // last sample held 4990 ms
        Assert.Empty(_events);
        Assert.Equal([LedPattern.On, LedPattern.Off, LedPattern.Off, LedPattern.Off], Shown());

        Hold(true, 10);
        var armed = Assert.Single(_events);
        Assert.Equal((pressedAt + ModuleTiming.LongPressArmMs, ButtonEvent.LongPressArmed), armed);
        Assert.All(Shown(), p => Assert.Equal(LedPattern.BlinkFast, p));
        Assert.True(_m.RelayEnergised, "the button does not touch the relay");

        Hold(true, 2000);
        Hold(false, 100);
        Assert.Equal([ButtonEvent.LongPressArmed, ButtonEvent.Cancelled], _events.Select(e => e.Event));
        Assert.Equal([LedPattern.On, LedPattern.Off, LedPattern.Off, LedPattern.Off], Shown());
    }

    [Fact]
    public void FactoryReset_ConfirmedAtTenSeconds_ThenReleased()
    {
        long pressedAt = _now + 5;
        Hold(true, 10_005);
        Assert.Equal([ButtonEvent.LongPressArmed, ButtonEvent.FactoryResetConfirmed], _events.Select(e => e.Event));
        Assert.Equal(pressedAt + ModuleTiming.FactoryResetMs, _events[1].At);
        Assert.All(Shown(), p => Assert.Equal(LedPattern.On, p));

        Hold(false, 100);
        Assert.Equal(ButtonEvent.Released, _events[^1].Event);
        Assert.Equal(3, _m.ButtonEventCount);
    }

    [Fact]
    public void ArmedPattern_OverridesFault()
    {
        var m = new ModuleStateMachine(0, 1, 0);
        for (long t = 5; t <= 9000; t += 5)
        {
            m.Tick(t, t >= 3000);
        }

        Assert.True(m.InFault);
        Assert.Equal(LedPattern.BlinkFast, m.ShownPattern(Led.Net));
        Assert.False(m.RelayEnergised);
    }
}
