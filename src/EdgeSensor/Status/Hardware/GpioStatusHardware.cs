using System.Device.Gpio;
using Edge.IoModule;
using EdgeSensor.Status.Profiles;

namespace EdgeSensor.Status.Hardware;

/// <summary>
/// Status lights, relay and button on the board's own lines (System.Device.Gpio), as a <see cref="HardwareProfile"/>
/// names them: GPIO outputs (active high or low), kernel LED-class LEDs (written through
/// /sys/class/leds/NAME/brightness), the button as a GPIO input with its pull, sampled every call and turned into
/// gestures by the I/O module's own <see cref="ButtonTracker"/> (one definition of the gestures). A line is written only when its level changes.
/// </summary>
public sealed class GpioStatusHardware : IStatusHardware
{
    private readonly GpioController _gpio;
    private readonly string _ledClassRoot;
    private readonly OutputLine?[] _outputs;
    private readonly bool?[] _levels;
    private readonly ButtonLine? _button;
    private readonly ButtonTracker _gesture = new();

    /// <param name="driver">The GPIO driver: the board's (libgpiod) or, in tests and demos, <see cref="FakeGpioDriver"/>.</param>
    /// <param name="ledClassRoot">Where LED-class LEDs live; /sys/class/leds on a real box.</param>
    public GpioStatusHardware(HardwareProfile profile, GpioDriver driver, string ledClassRoot = "/sys/class/leds")
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(driver);
        _gpio = new GpioController(driver);
        _ledClassRoot = ledClassRoot;
        var leds = profile.Leds ?? new LedLines();
        _outputs = [leds.Run, leds.Net, leds.Tap, leds.Alarm, profile.Relay];
        _levels = new bool?[_outputs.Length];
        foreach (var line in _outputs)
        {
            if (line?.Gpio is { } pin)
            {
                _gpio.OpenPin(pin, PinMode.Output);
            }
        }

        if (profile.Button?.Gpio is { } buttonPin)
        {
            _button = profile.Button;
            _gpio.OpenPin(buttonPin, profile.Button.Pull switch
            {
                "up" => PinMode.InputPullUp,
                "down" => PinMode.InputPullDown,
                _ => PinMode.Input,
            });
        }

        Description = $"GPIO lines of profile {profile.Id} ({profile.Name})";
    }

    public string Description { get; }

    public bool ResetArmed => _gesture.IsArmed && !_gesture.IsConfirmed;

    public void Show(in LedSet leds, bool relayEnergised, long nowMs)
    {
        Set(0, LedPatterns.IsOn(leds.Run, nowMs));
        Set(1, LedPatterns.IsOn(leds.Net, nowMs));
        Set(2, LedPatterns.IsOn(leds.Tap, nowMs));
        Set(3, LedPatterns.IsOn(leds.Alarm, nowMs));
        Set(4, relayEnergised);
    }

    public ButtonEvent PollButton(long nowMs)
    {
        if (_button?.Gpio is not { } pin)
        {
            return ButtonEvent.None;
        }

        bool level = _gpio.Read(pin) == PinValue.High;
        return _gesture.Update(nowMs, level != _button.ActiveLow);
    }

    public void Dispose()
    {
        // Lights off and relay released on the way out (in fail-safe mode a released relay is the alarm, as it
        // should be when the sensor stops).
        for (int i = 0; i < _outputs.Length; i++)
        {
            Set(i, false);
        }

        _gpio.Dispose();
    }

    private void Set(int index, bool on)
    {
        if (_levels[index] == on || _outputs[index] is not { } line)
        {
            return;
        }

        _levels[index] = on;
        if (line.Gpio is { } pin)
        {
            _gpio.Write(pin, on != line.ActiveLow ? PinValue.High : PinValue.Low);
        }
        else if (line.Sysfs is { } name)
        {
            File.WriteAllText(Path.Combine(_ledClassRoot, name, "brightness"), on != line.ActiveLow ? "1" : "0");
        }
    }
}
