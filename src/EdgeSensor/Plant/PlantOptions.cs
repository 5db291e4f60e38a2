using EdgeSensor.Plant.Zones;

namespace EdgeSensor.Plant;

/// <summary>Capacities, timeouts and the learning period of the plant model.</summary>
public sealed class PlantOptions
{
    public int DeviceCapacity { get; set; } = 16_384;

    /// <summary>
    /// Unicast addresses that are not devices yet whose received frames are held (see <see cref="Devices.ReceiveBacklog"/>)
    /// so they count once the address sends; least recently seen dropped when full. 0: frames before a device's first
    /// send are not counted as received.
    /// </summary>
    public int ReceiveBacklogCapacity { get; set; } = Devices.DeviceTable.DefaultBacklogCapacity;

    public int RelationCapacity { get; set; } = 65_536;

    /// <summary>Relations that carry ICS get a detail record (functions, unit ids, SZLs, DBs, ranges); this many at most.</summary>
    public int IcsRelationCapacity { get; set; } = 16_384;

    public int ConnectionCapacity { get; set; } = 65_536;

    /// <summary>A SYN not answered within this long is a failed connection attempt.</summary>
    public TimeSpan SynTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A conversation silent this long is dropped from the connection table (its relation stays learned).</summary>
    public TimeSpan ConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the model learns before it detects (capture time from the first packet). Null: learn until
    /// <see cref="PlantModel.EndLearning"/> is called.
    /// </summary>
    public TimeSpan? LearningPeriod { get; set; }

    public ZoneMap Zones { get; set; } = ZoneMap.Empty;
}
