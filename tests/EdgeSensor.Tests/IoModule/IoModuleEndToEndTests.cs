using System.IO.Pipelines;
using Edge.IoModule;
using Edge.IoModule.Firmware;
using EdgeSensor.Status.IoModule;

namespace EdgeSensor.Tests.IoModule;

/// <summary>
/// The sensor's <see cref="IoModuleLink"/> and the firmware's <see cref="ModuleLoop"/> (and so its
/// <see cref="ModuleStateMachine"/>) joined by two in-memory pipes, sharing one <see cref="ManualTimeProvider"/>.
/// Module time moves only in <see cref="Step"/>; whenever the link owes a frame (a change, a heartbeat) the test
/// pumps the module at the same instant until that frame has arrived, so every assertion is at a known time.
/// </summary>
public sealed class IoModuleEndToEndTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _time = new();
    private readonly FakePins _pins = new();
    private readonly Pipe _toModule = new();
    private readonly Pipe _toSensor = new();
    private readonly ModuleLoop _module;
    private readonly IoModuleLink _link;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private long _lastAppliedAtMs = -1;

    public IoModuleEndToEndTests()
    {
        _module = new ModuleLoop(_pins, new PipeSerialLink(_toModule.Reader, _toSensor.Writer), _time);
        _link = new IoModuleLink(new DuplexPipeStream(_toSensor.Reader, _toModule.Writer), _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Wait);
        _stop.Dispose();
    }

    private ModuleStateMachine Machine => _module.Machine;

    /// <summary>Runs module passes at the current instant until <paramref name="condition"/> holds (real-time bounded).</summary>
    private void PumpUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            RunModuleOnce();
            if (condition())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what} at t={_time.NowMs} ms");
            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Moves time forward in 10 ms module passes. While the link runs, each whole second is a heartbeat: the pass
    /// at that instant waits for the frame to arrive.
    /// </summary>
    private void Step(long ms, bool linkRunning = true)
    {
        for (long done = 0; done < ms; done += ModuleLoop.PeriodMs)
        {
            _time.Advance(TimeSpan.FromMilliseconds(ModuleLoop.PeriodMs));
            if (linkRunning && _time.NowMs % 1000 == 0)
            {
                long before = Machine.FramesApplied;
                PumpUntil(() => Machine.FramesApplied > before, "the heartbeat");
            }
            else
            {
                RunModuleOnce();
            }
        }
    }

    /// <summary>One module pass, noting when it last applied a SetOutputs.</summary>
    private void RunModuleOnce()
    {
        long applied = Machine.FramesApplied;
        _module.RunOnce();
        if (Machine.FramesApplied != applied)
        {
            _lastAppliedAtMs = _time.NowMs;
        }
    }

    [Fact]
    public async Task OutputsReachTheModule_ShortPressReachesTheSensor_StoppingTheSensorFaultsTheModule()
    {
        var buttonEvents = new List<IoModuleButtonEventArgs>();
        var shortPress = new TaskCompletionSource<IoModuleButtonEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        _link.ButtonEvent += (_, e) =>
        {
            lock (buttonEvents)
            {
                buttonEvents.Add(e);
            }

            shortPress.TrySetResult(e);
        };

        _run = _link.RunAsync(_stop.Token);

        // 1. Outputs reach the module (t = 0, during the lamp test: applied, shown once the test ends).
        _link.SetOutputs([LedPattern.On, LedPattern.BlinkSlow, LedPattern.Off, LedPattern.Flash], relayEnergised: true, failSafe: true);
        PumpUntil(() => Machine.FramesApplied == 1, "the first SetOutputs");
        Assert.All(_pins.Leds, Assert.True);
        Assert.False(_pins.Relay, "de-energised during the lamp test");

        Step(1500); // t = 1500
        Assert.Equal([true, false, false, false], _pins.Leds); // NET BlinkSlow off in [500,1000); ALARM Flash off after 50 ms
        Assert.True(_pins.Relay, "fail-safe relay energised while healthy");
        Step(500);  // t = 2000
        Assert.Equal([true, true, false, true], _pins.Leds);

        // The module's Status reaches the sensor.
        await WaitUntil(() => _link.Health.StatusFrames > 0 && _link.Health.LastSequenceAcknowledged == _link.Health.LastSequenceSent);
        Assert.True(_link.Health.Up);
        Assert.Equal($"{FirmwareVersion.Major}.{FirmwareVersion.Minor}", _link.Health.FirmwareVersion);

        // A change goes out at once, not at the next heartbeat.
        _link.SetOutputs([LedPattern.On, LedPattern.On, LedPattern.On, LedPattern.Off], relayEnergised: false, failSafe: true);
        PumpUntil(() => Machine.ShownPattern(Led.Tap) == LedPattern.On, "the changed outputs");
        Assert.Equal([true, true, true, false], _pins.Leds);
        Assert.False(_pins.Relay);

        // 2. A short press (300 ms, through the debounce) reaches the sensor as one event.
        _pins.ButtonPressed = true;
        Step(300);
        _pins.ButtonPressed = false;
        Step(100);
        Assert.Equal(ButtonEvent.ShortPress, Machine.LastButtonEvent);
        var pressed = await shortPress.Task.WaitAsync(Wait);
        Assert.Equal(ButtonEvent.ShortPress, pressed.Event);
        Assert.Equal(0, pressed.MissedBefore);

        Step(3000); // more Status frames repeat the same event counter
        await WaitUntil(() => _link.Health.StatusFrames >= 5);
        lock (buttonEvents)
        {
            Assert.Single(buttonEvents);
        }

        Assert.False(Machine.InFault, "heartbeats kept the module healthy");

        // 3. Stop the sensor side: the module falls into fault exactly one timeout after the last frame it got.
        await _stop.CancelAsync();
        await _run.WaitAsync(Wait);
        RunModuleOnce(); // drain anything in flight at this instant
        long lastFrame = _lastAppliedAtMs;
        Assert.True(lastFrame > 0);
        _pins.ButtonPressed = false;

        long faultAt = lastFrame + ModuleTiming.DefaultHeartbeatTimeoutMs;
        Step(faultAt - _time.NowMs - ModuleLoop.PeriodMs, linkRunning: false);
        Assert.False(Machine.InFault);
        Step(ModuleLoop.PeriodMs, linkRunning: false);
        Assert.Equal(faultAt, _time.NowMs);
        Assert.True(Machine.InFault);
        Assert.False(_pins.Relay);

        // Fault pattern: RUN and ALARM alternate at 2 Hz, NET and TAP dark.
        for (int i = 0; i < 8; i++)
        {
            bool runOn = LedPatterns.IsOn(LedPattern.WigWagA, _time.NowMs);
            Assert.Equal([runOn, false, false, !runOn], _pins.Leds);
            Step(130, linkRunning: false);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5);
        }
    }
}
