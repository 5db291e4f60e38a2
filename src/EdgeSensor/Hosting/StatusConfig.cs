using EdgeSensor.Status;

namespace EdgeSensor.Hosting;

/// <summary>
/// The status lights, relay and button (the configuration's "status" section):
/// <code>
/// "status": { "driver": "auto", "hardwareProfile": null, "noTrafficSeconds": 60,
///             "relayThreshold": 80, "relayMode": "latch" }
/// </code>
/// </summary>
public sealed class StatusConfig
{
    /// <summary>"auto" (the profile's I/O module, else the board's GPIO, when present), "gpio", "iomodule", "fake" (no hardware: tests and demos), "none".</summary>
    public string Driver { get; set; } = "auto";

    /// <summary>A profile id from hardware/profiles; null: chosen from the device tree's model string.</summary>
    public string? HardwareProfile { get; set; }

    /// <summary>Where the profiles are; null: beside the executable.</summary>
    public string? ProfilesDirectory { get; set; }

    /// <summary>The USB I/O module's serial device, overriding the profile's (e.g. /dev/ttyACM0).</summary>
    public string? IoModuleDevice { get; set; }

    /// <summary>With driver "fake": a file the fake driver writes the lines' levels to ("pin=level" lines).</summary>
    public string? FakeGpioFile { get; set; }

    public double NoTrafficSeconds { get; set; } = 60;

    public int RelayThreshold { get; set; } = StatusLights.Critical;

    /// <summary>"latch" or "failsafe".</summary>
    public string RelayMode { get; set; } = "latch";

    public StatusOptions ToOptions() => new()
    {
        NoTrafficSeconds = NoTrafficSeconds,
        RelayThreshold = RelayThreshold,
        RelayMode = RelayMode == "failsafe" ? Status.RelayMode.FailSafe : Status.RelayMode.Latch,
    };
}
