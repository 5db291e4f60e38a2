using Edge.IoModule;

namespace EdgeSensor.Status.Hardware;

/// <summary>
/// The seam between the sensor's light language and the box: GPIO lines and LED-class LEDs on the board
/// (<see cref="GpioStatusHardware"/>), or the USB I/O module that renders the patterns itself.
/// Called only from the status service's own loop, never from the capture thread.
/// </summary>
public interface IStatusHardware : IDisposable
{
    /// <summary>What drives the lights, for the log ("GPIO on gpiochip0 (rpi-cm4-io)", ...).</summary>
    string Description { get; }

    /// <summary>Shows the patterns and sets the relay; GPIO renders the patterns' levels at <paramref name="nowMs"/>.</summary>
    void Show(in LedSet leds, bool relayEnergised, long nowMs);

    /// <summary>The gesture the button completed since the last call, if any.</summary>
    ButtonEvent PollButton(long nowMs);

    /// <summary>True while the button is held past the factory-reset arming time.</summary>
    bool ResetArmed { get; }
}
