namespace EdgeSensor.Status.Profiles;

/// <summary>
/// A gateway's status hardware (hardware/profiles/*.json, described in hardware/README.md): which GPIO lines or
/// kernel LED-class LEDs are the RUN, NET, TAP and ALARM lights, the relay and the button, which interfaces are the tap
/// and the uplink, the watchdog device, where the serial number and the temperature are read, and, for boards
/// without GPIO, the USB I/O module's serial device.
/// </summary>
public sealed class HardwareProfile
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Prefixes of the device tree's model string (/proc/device-tree/model) that select this profile.</summary>
    public List<string> Match { get; set; } = [];

    /// <summary>
    /// Device-tree compatible strings (/proc/device-tree/compatible) of which one must be present; a profile that
    /// names them is more specific than one matching on the model string alone, and wins over it (a RevPi Connect 4
    /// reports the plain CM4's model string, but "kunbus,revpi-connect4" among its compatibles).
    /// </summary>
    public List<string> Compatible { get; set; } = [];

    /// <summary>The gpiochip the lines belong to (/dev/gpiochipN); null for boards without GPIO lines.</summary>
    public int? GpioChip { get; set; }

    public LedLines? Leds { get; set; }

    public OutputLine? Relay { get; set; }

    public ButtonLine? Button { get; set; }

    public InterfaceNames? Interfaces { get; set; }

    public string? Watchdog { get; set; }

    public string? SerialNumber { get; set; }

    public string? Temperature { get; set; }

    public IoModuleDevice? IoModule { get; set; }

    public List<ProfileReference>? References { get; set; }
}

/// <summary>The four status lights.</summary>
public sealed class LedLines
{
    public OutputLine? Run { get; set; }

    public OutputLine? Net { get; set; }

    public OutputLine? Tap { get; set; }

    public OutputLine? Alarm { get; set; }
}

/// <summary>An output: a GPIO line (<see cref="Gpio"/>) or a kernel LED-class LED (<see cref="Sysfs"/>, a name under /sys/class/leds).</summary>
public class OutputLine
{
    public int? Gpio { get; set; }

    public bool ActiveLow { get; set; }

    public string? Sysfs { get; set; }
}

/// <summary>The push button: a GPIO input, with the pull the board needs ("up", "down" or "none").</summary>
public sealed class ButtonLine : OutputLine
{
    public string? Pull { get; set; }
}

public sealed class InterfaceNames
{
    public string? Tap { get; set; }

    public string? Uplink { get; set; }
}

public sealed class IoModuleDevice
{
    public string Device { get; set; } = string.Empty;
}

public sealed class ProfileReference
{
    public string Title { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;
}
