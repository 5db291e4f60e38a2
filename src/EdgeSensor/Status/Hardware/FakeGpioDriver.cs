using System.Device.Gpio;
using System.Globalization;

namespace EdgeSensor.Status.Hardware;

/// <summary>
/// FAKE: a GPIO driver with no hardware behind it, for tests and for demos on machines without GPIO (the kernel here
/// has no GPIO support at all, so gpio-sim cannot stand in). It keeps each pin's level in memory; inputs are set
/// with <see cref="SetInput"/>. With a file, every output change is also written there (one "pin=level" line per
/// open pin, replaced atomically), so a test outside the sensor's process can watch the relay and the lights, and
/// inputs are read from "FILE.in" ("pin=level" lines) when it exists. Selected only by configuration
/// (status.driver "fake"); never chosen automatically.
/// </summary>
public sealed class FakeGpioDriver : GpioDriver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, PinValue> _levels = [];
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly string? _file;

    public FakeGpioDriver(string? file = null)
    {
        _file = file;
        Publish();
    }

    /// <summary>Every output written so far, in order (pin, level): the tests' view of what the lights did.</summary>
    public List<(int Pin, bool High)> Writes { get; } = [];

    protected override int PinCount => 64;

    /// <summary>The level of a pin (outputs as written, inputs as set).</summary>
    public bool IsHigh(int pin)
    {
        lock (_lock)
        {
            return _levels.TryGetValue(pin, out var v) && v == PinValue.High;
        }
    }

    /// <summary>Drives an input (a pressed button on an active-low line is <c>SetInput(pin, false)</c>).</summary>
    public void SetInput(int pin, bool high)
    {
        lock (_lock)
        {
            _levels[pin] = high ? PinValue.High : PinValue.Low;
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_lock)
        {
            _levels.TryAdd(pinNumber, PinValue.Low);
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_lock)
        {
            _modes.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_lock)
        {
            _modes[pinNumber] = mode;
            if (mode == PinMode.InputPullUp)
            {
                _levels[pinNumber] = PinValue.High;   // an open button on a pulled-up line reads high
            }
        }

        Publish();
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_lock)
        {
            return _modes.TryGetValue(pinNumber, out var m) ? m : PinMode.Input;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        ReadInputsFile();
        lock (_lock)
        {
            return _levels.TryGetValue(pinNumber, out var v) ? v : PinValue.Low;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_lock)
        {
            _levels[pinNumber] = value;
            Writes.Add((pinNumber, value == PinValue.High));
        }

        Publish();
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the fake GPIO driver has no edge events; the status service samples the button");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the fake GPIO driver has no edge events; the status service samples the button");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
    }

    private void Publish()
    {
        if (_file is null)
        {
            return;
        }

        string text;
        lock (_lock)
        {
            text = string.Join('\n', _levels.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={(p.Value == PinValue.High ? 1 : 0)}"))) + "\n";
        }

        string temp = _file + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, _file, overwrite: true);
    }

    private void ReadInputsFile()
    {
        if (_file is null || !File.Exists(_file + ".in"))
        {
            return;
        }

        foreach (string line in File.ReadAllLines(_file + ".in"))
        {
            string[] parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int pin))
            {
                SetInput(pin, parts[1] == "1");
            }
        }
    }
}
