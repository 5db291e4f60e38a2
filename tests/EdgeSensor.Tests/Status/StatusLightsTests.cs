using Edge.IoModule;
using EdgeSensor.Status;

namespace EdgeSensor.Tests.Status;

/// <summary>The light language, state by state (the table in hardware/INSTALL.md), and the relay in both modes.</summary>
public sealed class StatusLightsTests
{
    private static readonly StatusOptions Options = new();

    private static readonly StatusInputs Protecting = new()
    {
        Stage = BootStage.Running,
        Learning = false,
        Uplink = UplinkLight.Connected,
        SecondsSinceLastFrame = 0.2,
    };

    public static TheoryData<string, StatusInputs, LedSet> States => new()
    {
        { "booting", new StatusInputs { Stage = BootStage.Booting }, new(LedPattern.BlinkFast, LedPattern.Off, LedPattern.Off, LedPattern.Off) },
        { "waiting for provisioning", new StatusInputs { Stage = BootStage.WaitingForProvisioning }, new(LedPattern.BlinkSlow, LedPattern.Flash, LedPattern.Off, LedPattern.Off) },
        { "provisioning", new StatusInputs { Stage = BootStage.Provisioning }, new(LedPattern.BlinkSlow, LedPattern.BlinkFast, LedPattern.Off, LedPattern.Off) },
        { "learning, first quarter", Protecting with { Learning = true, LearningProgress = 0.1 }, new(LedPattern.Progress1, LedPattern.On, LedPattern.On, LedPattern.Off) },
        { "learning, second quarter", Protecting with { Learning = true, LearningProgress = 0.25 }, new(LedPattern.Progress2, LedPattern.On, LedPattern.On, LedPattern.Off) },
        { "learning, third quarter", Protecting with { Learning = true, LearningProgress = 0.6 }, new(LedPattern.Progress3, LedPattern.On, LedPattern.On, LedPattern.Off) },
        { "learning, last quarter", Protecting with { Learning = true, LearningProgress = 0.99 }, new(LedPattern.Progress4, LedPattern.On, LedPattern.On, LedPattern.Off) },
        { "protecting", Protecting, new(LedPattern.On, LedPattern.On, LedPattern.On, LedPattern.Off) },
        { "no uplink configured", Protecting with { Uplink = UplinkLight.NotConfigured }, new(LedPattern.On, LedPattern.Off, LedPattern.On, LedPattern.Off) },
        { "uplink down, outbox filling", Protecting with { Uplink = UplinkLight.Down, OutboxFill = 0.1 }, new(LedPattern.On, LedPattern.BlinkSlow, LedPattern.On, LedPattern.Off) },
        { "uplink down, outbox almost full", Protecting with { Uplink = UplinkLight.Down, OutboxFill = 0.85 }, new(LedPattern.On, LedPattern.BlinkFast, LedPattern.On, LedPattern.Off) },
        { "tap quiet for a few seconds", Protecting with { SecondsSinceLastFrame = 5 }, new(LedPattern.On, LedPattern.On, LedPattern.Off, LedPattern.Off) },
        { "tap silent for 60 s", Protecting with { SecondsSinceLastFrame = 60 }, new(LedPattern.On, LedPattern.On, LedPattern.BlinkFast, LedPattern.Off) },
        { "capture not started", Protecting with { SecondsSinceLastFrame = null }, new(LedPattern.On, LedPattern.On, LedPattern.Off, LedPattern.Off) },
        { "incident 29 (low)", Protecting with { UnacknowledgedScore = 29 }, new(LedPattern.On, LedPattern.On, LedPattern.On, LedPattern.Off) },
        { "incident 30 (medium)", Protecting with { UnacknowledgedScore = 30 }, new(LedPattern.On, LedPattern.On, LedPattern.On, LedPattern.BlinkSlow) },
        { "incident 60 (high)", Protecting with { UnacknowledgedScore = 60 }, new(LedPattern.On, LedPattern.On, LedPattern.On, LedPattern.BlinkFast) },
        { "incident 80 (critical)", Protecting with { UnacknowledgedScore = 80 }, new(LedPattern.On, LedPattern.On, LedPattern.On, LedPattern.On) },
        { "fault", Protecting with { Fault = true, UnacknowledgedScore = 90 }, new(LedPattern.WigWagA, LedPattern.Off, LedPattern.Off, LedPattern.WigWagB) },
        { "factory reset armed", Protecting with { Fault = true, ResetArmed = true }, LedSet.All(LedPattern.BlinkFast) },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Each_state_shows_its_pattern(string state, StatusInputs inputs, LedSet expected)
    {
        Assert.True(expected == StatusLights.Compute(inputs, Options), state);
    }

    [Fact]
    public void The_quiet_tap_time_is_configurable()
    {
        var options = new StatusOptions { NoTrafficSeconds = 10 };
        Assert.Equal(LedPattern.Off, StatusLights.Compute(Protecting with { SecondsSinceLastFrame = 9.9 }, options).Tap);
        Assert.Equal(LedPattern.BlinkFast, StatusLights.Compute(Protecting with { SecondsSinceLastFrame = 10 }, options).Tap);
    }

    [Theory]
    [InlineData(RelayMode.Latch, 0, false, false)]
    [InlineData(RelayMode.Latch, 79, false, false)]
    [InlineData(RelayMode.Latch, 80, false, true)]
    [InlineData(RelayMode.Latch, 100, true, true)]     // a fault does not silence an alarm
    [InlineData(RelayMode.Latch, 0, true, false)]
    [InlineData(RelayMode.FailSafe, 0, false, true)]   // healthy: held
    [InlineData(RelayMode.FailSafe, 79, false, true)]
    [InlineData(RelayMode.FailSafe, 80, false, false)] // alarm: dropped
    [InlineData(RelayMode.FailSafe, 0, true, false)]   // fault: dropped
    public void The_relay_follows_alarm_and_health(RelayMode mode, int score, bool fault, bool energised)
    {
        var options = new StatusOptions { RelayMode = mode };
        Assert.Equal(energised, StatusLights.RelayEnergised(Protecting with { UnacknowledgedScore = score, Fault = fault }, options));
    }

    [Fact]
    public void The_relay_threshold_is_configurable()
    {
        var options = new StatusOptions { RelayThreshold = 30 };
        Assert.True(StatusLights.RelayEnergised(Protecting with { UnacknowledgedScore = 30 }, options));
        Assert.False(StatusLights.RelayEnergised(Protecting with { UnacknowledgedScore = 29 }, options));
    }
}
