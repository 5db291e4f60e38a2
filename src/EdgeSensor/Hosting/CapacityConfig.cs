namespace EdgeSensor.Hosting;

/// <summary>
/// Table capacities: what bounds the sensor's memory. The defaults suit a plant of thousands of devices (about 34 MB
/// of fixed tables); a small gateway in a cabinet with a few dozen devices can use far less.
/// </summary>
public sealed class CapacityConfig
{
    public int Devices { get; set; } = 16_384;

    public int Relations { get; set; } = 65_536;

    public int IcsRelations { get; set; } = 16_384;

    public int Connections { get; set; } = 65_536;

    /// <summary>ICS flows followed by the decoder (reassembly state).</summary>
    public int IcsFlows { get; set; } = 16_384;
}
