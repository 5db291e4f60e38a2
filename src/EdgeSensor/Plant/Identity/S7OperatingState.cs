namespace EdgeSensor.Plant.Identity;

/// <summary>
/// Operating state of an S7 CPU, from the SZL 0x0424 mode transition (see <see cref="S7IdentityModeRecord"/>) or
/// a mode-transition push (userdata function group 0). The code as on the wire is kept in
/// <see cref="S7DeviceIdentity.RawOperatingState"/>.
/// </summary>
public enum S7OperatingState : byte
{
    /// <summary>Not seen yet, or a code not listed here.</summary>
    Unknown = 0,

    Stop,

    /// <summary>Complete (warm), cold or hot restart in progress.</summary>
    Startup,

    Run,

    Hold,

    /// <summary>H system: link-up of the redundant CPUs.</summary>
    LinkUp,

    /// <summary>H system: update of the standby CPU.</summary>
    Update,

    Defect,
}
