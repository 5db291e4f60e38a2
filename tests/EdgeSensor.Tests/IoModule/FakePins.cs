using Edge.IoModule;
using Edge.IoModule.Firmware.Hardware;

namespace EdgeSensor.Tests.IoModule;

/// <summary>Pins that remember what the firmware wrote; the test sets the button.</summary>
internal sealed class FakePins : IPins
{
    public bool[] Leds { get; } = new bool[LedPatterns.LedCount];

    public bool Relay { get; private set; }

    public bool ButtonPressed { get; set; }

    public int Writes { get; private set; }

    public void SetLed(Led led, bool on)
    {
        Leds[(int)led] = on;
        Writes++;
    }

    public void SetRelay(bool energised) => Relay = energised;

    public bool ReadButton() => ButtonPressed;
}
