using System.IO.Pipelines;
using Edge.IoModule;
using Edge.IoModule.Firmware;
using Edge.IoModule.Firmware.Hardware;
using EdgeSensor.Status;
using EdgeSensor.Status.Hardware;
using EdgeSensor.Tests.IoModule;

namespace EdgeSensor.Tests.Status;

/// <summary>
/// The status loop driving the USB I/O module: the sensor's <see cref="StatusController"/> with
/// <see cref="IoModuleStatusHardware"/> on one end of an in-memory serial line, the module's firmware loop
/// (<see cref="ModuleLoop"/> over fake pins) on the other, both on the real clock. The module shows the sensor's
/// state, its button reaches the sensor as a gesture, and when the sensor stops the module falls into its fault.
/// </summary>
public sealed class IoModuleStatusTests
{
    private sealed class RealClock : IClock
    {
        private readonly long _start = Environment.TickCount64;

        public long NowMs => Environment.TickCount64 - _start;
    }

    [Fact]
    public async Task The_module_shows_the_sensor_and_its_button_acknowledges()
    {
        var toModule = new Pipe();
        var toSensor = new Pipe();
        var pins = new FakePins();
        var module = new ModuleLoop(pins, new PipeSerialLink(toModule.Reader, toSensor.Writer), new RealClock());
        using var stopModule = new CancellationTokenSource();
        var moduleRun = Task.Run(() =>
        {
            while (!stopModule.IsCancellationRequested)
            {
                module.RunOnce();
                Thread.Sleep(ModuleLoop.PeriodMs);
            }
        });

        var hardware = new IoModuleStatusHardware(new DuplexPipeStream(toSensor.Reader, toModule.Writer), "I/O module (in-memory)", failSafe: false);
        var buttons = new List<ButtonEvent>();
        var inputs = new StatusInputs { Stage = BootStage.Running, Uplink = UplinkLight.Connected, SecondsSinceLastFrame = 0, UnacknowledgedScore = 90 };
        var controller = new StatusController(hardware, new StatusOptions(), _ => inputs, buttons.Add);
        long start = Environment.TickCount64;
        async Task<bool> Until(Func<bool> condition, int seconds = 10)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (DateTime.UtcNow < deadline)
            {
                controller.Tick(Environment.TickCount64 - start);
                if (condition())
                {
                    return true;
                }

                await Task.Delay(25);
            }

            return false;
        }

        try
        {
            // Past the sensor's lamp test: protecting with a critical incident: RUN, NET, TAP and ALARM steady, relay on.
            Assert.True(await Until(() => pins.Relay && pins.Leds.All(on => on) && Environment.TickCount64 - start > 2500), "the module never showed the alarm");

            // A short press on the module's button reaches the sensor.
            pins.ButtonPressed = true;
            await Task.Delay(300);
            pins.ButtonPressed = false;
            Assert.True(await Until(() => buttons.Contains(ButtonEvent.ShortPress)), "the short press never reached the sensor");

            inputs = inputs with { UnacknowledgedScore = 0 };
            Assert.True(await Until(() => !pins.Relay && !pins.Leds[(int)Led.Alarm]), "the alarm did not clear on the module");
        }
        finally
        {
            hardware.Dispose();
        }

        // The sensor is gone: no heartbeat, and within the module's timeout (3 s) it shows its fault (RUN/ALARM wig-wag).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!module.Machine.InFault && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(module.Machine.InFault, "the module did not notice the sensor stopped");
        await stopModule.CancelAsync();
        await moduleRun;
    }
}
