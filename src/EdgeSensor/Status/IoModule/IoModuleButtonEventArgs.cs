using Edge.IoModule;

namespace EdgeSensor.Status.IoModule;

/// <summary>A button event reported by the module. <see cref="MissedBefore"/> counts events lost with Status frames just before this one.</summary>
public sealed class IoModuleButtonEventArgs(ButtonEvent buttonEvent, int missedBefore) : EventArgs
{
    public ButtonEvent Event { get; } = buttonEvent;

    public int MissedBefore { get; } = missedBefore;
}
