using System.Collections.Concurrent;
using Edge.IoModule;
using EdgeSensor.Status.IoModule;

namespace EdgeSensor.Status.Hardware;

/// <summary>
/// Status lights, relay and button on the USB I/O module (firmware/io-module) for gateways without GPIO: the patterns
/// and the relay go to the module, which renders them itself and keeps its own watchdog (no SetOutputs within its
/// timeout: fault pattern, relay in its fail-safe state); the module's button gestures come back as events. The link
/// runs on its own task over the serial port (or any stream, in tests).
/// </summary>
public sealed class IoModuleStatusHardware : IStatusHardware
{
    private readonly Stream _stream;
    private readonly IoModuleLink _link;
    private readonly bool _failSafe;
    private readonly ConcurrentQueue<ButtonEvent> _buttons = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private volatile bool _armed;

    public IoModuleStatusHardware(Stream stream, string description, bool failSafe, TimeProvider? time = null)
    {
        _stream = stream;
        _failSafe = failSafe;
        _link = new IoModuleLink(stream, time ?? TimeProvider.System);
        _link.ButtonEvent += (_, e) =>
        {
            _armed = e.Event == ButtonEvent.LongPressArmed;
            _buttons.Enqueue(e.Event);
        };
        _run = Task.Run(() => _link.RunAsync(_stop.Token));
        Description = description;
    }

    /// <summary>Opens the module's serial device (115200 8N1).</summary>
    public static IoModuleStatusHardware Open(string device, bool failSafe) =>
        new(IoModuleSerialPort.Open(device).BaseStream, $"I/O module on {device}", failSafe);

    public string Description { get; }

    /// <summary>The module shows the armed pattern itself; the sensor's lights need not.</summary>
    public bool ResetArmed => false;

    /// <summary>Whether the module is answering (its status is fresh and it reports no fault).</summary>
    public IoModuleHealth Health => _link.Health;

    /// <summary>True between the module's "armed" and the next gesture (for logs).</summary>
    public bool ModuleArmed => _armed;

    public void Show(in LedSet leds, bool relayEnergised, long nowMs) =>
        _link.SetOutputs([leds.Run, leds.Net, leds.Tap, leds.Alarm], relayEnergised, _failSafe);

    public ButtonEvent PollButton(long nowMs) => _buttons.TryDequeue(out var e) ? e : ButtonEvent.None;

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _run.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The link ended with the stream (the module unplugged): nothing more to do on the way out.
        }

        _stop.Dispose();
        _stream.Dispose();
    }
}
