namespace EdgeSensor.Bench;

/// <summary>
/// What a learned plant model holds and what it costs in memory (see <see cref="PlantMemory.Measure"/>).
/// "Structural" figures are computed from struct sizes; "measured" ones are what the runtime actually allocated
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), array headers, dictionary prime sizing and identity objects
/// included.
/// </summary>
public sealed record PlantMemoryReport
{
    public int Devices { get; init; }

    public int Relations { get; init; }

    public int Connections { get; init; }

    /// <summary>Devices with an identity record (S7 / Modbus identification learned).</summary>
    public int Profiles { get; init; }

    public int DeviceSize { get; init; }

    public int RelationSize { get; init; }

    public int ConnectionSize { get; init; }

    /// <summary>Dictionary entry (hash, next, key, value) plus its bucket, per table.</summary>
    public int DeviceIndexEntrySize { get; init; }

    public int RelationIndexEntrySize { get; init; }

    public int ConnectionIndexEntrySize { get; init; }

    /// <summary>(Device + index entry + profile slot) x devices + (Relation + index entry) x relations, over devices.</summary>
    public double StructuralBytesPerDevice { get; init; }

    /// <summary>The relations' share of <see cref="StructuralBytesPerDevice"/>.</summary>
    public double StructuralRelationBytesPerDevice { get; init; }

    /// <summary>Heap of a device table and a relation table sized to exactly the used counts, plus what the model gained while learning, over devices.</summary>
    public double MeasuredBytesPerDevice { get; init; }

    /// <summary>
    /// What the model allocated while learning into pre-sized tables with the pipeline's pools already warm (identity
    /// records and strings): an upper bound of the heap it gained.
    /// </summary>
    public long MeasuredLearnedHeapBytes { get; init; }

    /// <summary>Heap of an empty model at the default capacities, and of each of its tables.</summary>
    public long FixedModelBytes { get; init; }

    public long FixedDeviceTableBytes { get; init; }

    public long FixedRelationTableBytes { get; init; }

    public long FixedConnectionTableBytes { get; init; }

    public int DefaultDeviceCapacity { get; init; }

    public int DefaultRelationCapacity { get; init; }

    public int DefaultConnectionCapacity { get; init; }
}
