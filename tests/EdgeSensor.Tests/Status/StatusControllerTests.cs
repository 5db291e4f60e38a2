using Edge.IoModule;
using EdgeSensor.Status;
using EdgeSensor.Status.Hardware;
using EdgeSensor.Status.Profiles;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Status;

/// <summary>
/// The status loop on the Raspberry Pi CM4 IO board's profile (hardware/profiles/rpi-cm4-io.json) through the FAKE GPIO
/// driver: the lines it sets at given times for each state and transition, the relay's latch, acknowledgement and
/// fail-safe behaviour, and the button's gestures.
/// </summary>
public sealed class StatusControllerTests : IDisposable
{
    private readonly HardwareProfile _profile = HardwareProfiles.Select(
        HardwareProfiles.LoadAll(Path.Combine(SharedData.RepoRoot, "hardware", "profiles")), "rpi-cm4-io", null);

    private readonly FakeGpioDriver _driver = new();
    private readonly GpioStatusHardware _hardware;
    private readonly List<ButtonEvent> _buttons = [];
    private StatusInputs _inputs = new() { Stage = BootStage.Booting };

    public StatusControllerTests() => _hardware = new GpioStatusHardware(_profile, _driver);

    public void Dispose() => _hardware.Dispose();

    private int Run => _profile.Leds!.Run!.Gpio!.Value;

    private int Net => _profile.Leds!.Net!.Gpio!.Value;

    private int Tap => _profile.Leds!.Tap!.Gpio!.Value;

    private int Alarm => _profile.Leds!.Alarm!.Gpio!.Value;

    private int Relay => _profile.Relay!.Gpio!.Value;

    private int Button => _profile.Button!.Gpio!.Value;

    private StatusController Controller(StatusOptions? options = null) =>
        new(_hardware, options ?? new StatusOptions(), _ => _inputs, _buttons.Add);

    /// <summary>Pin levels (RUN, NET, TAP, ALARM, relay) after a tick at <paramref name="ms"/>.</summary>
    private string Levels(StatusController c, long ms)
    {
        c.Tick(ms);
        return string.Concat(new[] { Run, Net, Tap, Alarm, Relay }.Select(p => _driver.IsHigh(p) ? '1' : '0'));
    }

    [Fact]
    public void The_profile_names_every_line()
    {
        Assert.Equal(5, new[] { Run, Net, Tap, Alarm, Relay }.Distinct().Count());
        Assert.DoesNotContain(Button, new[] { Run, Net, Tap, Alarm, Relay });
    }

    [Fact]
    public void Power_up_lamp_test_then_booting()
    {
        var c = Controller();
        Assert.Equal("11110", Levels(c, 0));
        Assert.Equal("11110", Levels(c, 999));
        Assert.Equal("10000", Levels(c, 1000));    // booting: RUN blinks fast (on in the first 125 ms of 250)
        Assert.Equal("00000", Levels(c, 1125));
        Assert.Equal("10000", Levels(c, 1250));
    }

    [Fact]
    public void Learning_to_protecting_with_traffic_and_an_uplink()
    {
        var c = Controller();
        c.Tick(0);
        _inputs = new StatusInputs { Stage = BootStage.Running, Learning = true, LearningProgress = 0.6, Uplink = UplinkLight.Connected, SecondsSinceLastFrame = 0 };
        // Progress3: blinks at 0-150, 400-550, 800-950 of each 4 s cycle.
        Assert.Equal("1110", Levels(c, 4000)[..4]);
        Assert.Equal("0110", Levels(c, 4200)[..4]);
        Assert.Equal("1110", Levels(c, 4800)[..4]);
        Assert.Equal("0110", Levels(c, 5300)[..4]);   // the fourth slot stays dark
        _inputs = _inputs with { Learning = false };
        Assert.Equal("11100", Levels(c, 5300));
    }

    [Fact]
    public void Uplink_down_and_a_silent_tap_blink()
    {
        var c = Controller();
        c.Tick(0);
        _inputs = new StatusInputs { Stage = BootStage.Running, Uplink = UplinkLight.Down, OutboxFill = 0.5, SecondsSinceLastFrame = 61 };
        Assert.Equal("11100", Levels(c, 2000));   // NET blink slow and TAP blink fast both in their on phase
        Assert.Equal("11000", Levels(c, 2130));   // TAP's fast blink is off (125-250 ms), NET's slow one still on (0-500 ms)
        Assert.Equal("10100", Levels(c, 2600));   // NET off (500-1000 ms), TAP on again
    }

    [Fact]
    public void Critical_incident_latches_the_relay_until_acknowledged_and_a_new_one_raises_it_again()
    {
        var latch = new AlarmLatch();
        var c = Controller();
        c.Tick(0);
        _inputs = new StatusInputs { Stage = BootStage.Running, Uplink = UplinkLight.Connected, SecondsSinceLastFrame = 0 };
        Assert.Equal("11100", Levels(c, 1000));
        latch.Update("i1", 92, open: true);
        _inputs = _inputs with { UnacknowledgedScore = latch.UnacknowledgedScore };
        Assert.Equal("11111", Levels(c, 1100));
        Assert.Equal("11111", Levels(c, 60_000));   // latched: it stays until someone acknowledges
        latch.Acknowledge("i1", "alice", DateTimeOffset.UnixEpoch);
        _inputs = _inputs with { UnacknowledgedScore = latch.UnacknowledgedScore };
        Assert.Equal("11100", Levels(c, 60_100));
        latch.Update("i2", 65, open: true);          // high, below the relay's threshold: ALARM blinks fast, no relay
        _inputs = _inputs with { UnacknowledgedScore = latch.UnacknowledgedScore };
        Assert.Equal("11110", Levels(c, 61_000));
        Assert.Equal("11100", Levels(c, 61_125));
        latch.Update("i3", 80, open: true);
        _inputs = _inputs with { UnacknowledgedScore = latch.UnacknowledgedScore };
        Assert.Equal("11111", Levels(c, 61_250));
    }

    [Fact]
    public void Fail_safe_relay_is_held_while_healthy_and_drops_on_alarm_fault_and_stop()
    {
        var c = Controller(new StatusOptions { RelayMode = RelayMode.FailSafe });
        c.Tick(0);
        Assert.False(_driver.IsHigh(Relay));                    // not during the lamp test
        _inputs = new StatusInputs { Stage = BootStage.Running, Uplink = UplinkLight.Connected, SecondsSinceLastFrame = 0 };
        Assert.Equal("11101", Levels(c, 1000));
        _inputs = _inputs with { UnacknowledgedScore = 85 };
        Assert.Equal("11110", Levels(c, 1100));                 // alarm: dropped
        _inputs = _inputs with { UnacknowledgedScore = 0, Fault = true };
        Assert.Equal("10000", Levels(c, 1500));                 // fault: RUN/ALARM wig-wag (RUN's half), relay dropped
        Assert.Equal("00010", Levels(c, 1750));
        _inputs = _inputs with { Fault = false };
        Assert.Equal("11101", Levels(c, 2000));
        _hardware.Dispose();                                    // the sensor stops: relay released
        Assert.False(_driver.IsHigh(Relay));
    }

    [Fact]
    public void Short_press_and_long_press_through_the_gpio_line()
    {
        var c = Controller();
        _inputs = new StatusInputs { Stage = BootStage.Running, SecondsSinceLastFrame = 0 };
        long t = 0;
        void Hold(bool pressed, long ms)
        {
            _driver.SetInput(Button, !pressed);   // active low, pulled up
            for (long end = t + ms; t < end; t += 25)
            {
                c.Tick(t);
            }
        }

        Hold(false, 1500);
        Hold(true, 300);
        Hold(false, 200);
        Assert.Equal([ButtonEvent.ShortPress], _buttons);

        Hold(true, 5100);
        Assert.Equal(ButtonEvent.LongPressArmed, _buttons[^1]);
        Assert.Equal(LedSet.All(LedPattern.BlinkFast), c.Last.Leds);
        Hold(true, 5000);
        Assert.Equal(ButtonEvent.FactoryResetConfirmed, _buttons[^1]);
        Hold(false, 200);
        Assert.NotEqual(LedSet.All(LedPattern.BlinkFast), c.Last.Leds);
        Assert.Equal([ButtonEvent.ShortPress, ButtonEvent.LongPressArmed, ButtonEvent.FactoryResetConfirmed, ButtonEvent.Released], _buttons);
    }
}
