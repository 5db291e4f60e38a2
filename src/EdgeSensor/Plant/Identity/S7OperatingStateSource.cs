namespace EdgeSensor.Plant.Identity;

/// <summary>Where <see cref="S7DeviceIdentity.OperatingState"/> was read.</summary>
public enum S7OperatingStateSource : byte
{
    None = 0,

    /// <summary>A read-SZL answer 0x0424 / 0x0024 (current mode transition); raw code = requested mode of bzu-id.</summary>
    SzlModeTransition,

    /// <summary>A userdata mode-transition push (function group 0); raw code = the "current mode" subfunction.</summary>
    ModeTransitionPush,
}
