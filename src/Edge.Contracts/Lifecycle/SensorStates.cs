namespace Edge.Contracts.Lifecycle;

/// <summary>Values of <see cref="SensorStatusRecord.State"/> and <see cref="SensorStatusRecord.Phase"/>.</summary>
public static class SensorStates
{
    /// <summary>Birth: published retained right after every connect, with the connect's bdSeq.</summary>
    public const string Online = "online";

    /// <summary>Death: the MQTT last will (sent by the broker when the sensor vanishes), or published on a clean stop.</summary>
    public const string Offline = "offline";

    /// <summary>Phase: the sensor is learning the plant's baseline; baseline models do not fire yet.</summary>
    public const string Learning = "learning";

    /// <summary>Phase: learning is over; every model is armed.</summary>
    public const string Protecting = "protecting";
}
