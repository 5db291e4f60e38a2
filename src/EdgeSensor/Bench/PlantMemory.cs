using System.Runtime.CompilerServices;
using EdgeSensor.Capture;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Tcp;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Baselines;
using EdgeSensor.Plant.Connections;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Bench;

/// <summary>
/// Memory of the plant model after learning a capture, counted two ways: from struct sizes (structural) and as
/// managed-heap differences after full collections (measured). The tables are pre-sized arrays, so an empty model
/// at the default capacities already costs its fixed amount; per-device figures count the <em>used</em> entries.
/// Runs on the calling thread; not for the capture thread (it allocates and forces collections).
/// </summary>
public static class PlantMemory
{
    /// <summary>A bucket of <see cref="Dictionary{TKey, TValue}"/>: one int per entry (capacity rounded to a prime).</summary>
    private const int BucketSize = sizeof(int);


    public static PlantMemoryReport Measure(MemoryCaptureSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var defaults = new PlantOptions();

        // 1. Learn with the default options: what the capture holds.
        var learned = new PlantModel(defaults);
        BenchWorkload.DecodeAll(new DecodePipeline(new PipelineOptions(), learned, source.LinkType, learned), source);
        int devices = learned.Devices.Count;
        int relations = learned.Relations.Count;
        int icsDetails = learned.Relations.IcsDetailCount;
        int connections = learned.Connections.Count;
        int profiles = 0;
        for (int i = 0; i < devices; i++)
        {
            profiles += learned.Devices.TryGetProfile(i) is null ? 0 : 1;
        }

        learned = null;

        // 2. Structural: struct sizes and dictionary entries, for the used entries.
        int deviceSize = Unsafe.SizeOf<Device>();
        int relationSize = Unsafe.SizeOf<Relation>();
        int connectionSize = Unsafe.SizeOf<Connection>();
        int deviceEntry = Unsafe.SizeOf<IndexEntry<NetAddress>>() + BucketSize;
        int relationEntry = Unsafe.SizeOf<IndexEntry<RelationKey>>() + BucketSize;
        int connectionEntry = Unsafe.SizeOf<IndexEntry<FlowKey>>() + BucketSize;
        double perDeviceShare = deviceSize + deviceEntry + IntPtr.Size; // + the profile slot (a reference)
        int detailSize = Unsafe.SizeOf<IcsRelationDetail>();
        double relationShare = devices == 0 ? 0 : ((double)relations * (relationSize + relationEntry) + ((double)icsDetails * detailSize)) / devices;

        // 3. Measured: fixed cost at default capacity, then tables sized to the used counts, then what learning adds.
        long fixedModel = Retained(() => new PlantModel(defaults));
        long fixedDevices = Retained(() => new DeviceTable(defaults.DeviceCapacity, defaults.ReceiveBacklogCapacity));
        long fixedRelations = Retained(() => new RelationTable(defaults.RelationCapacity, defaults.IcsRelationCapacity));
        long fixedConnections = Retained(() => new ConnectionTable(defaults.ConnectionCapacity));
        long usedDevices = devices == 0 ? 0 : Retained(() => new DeviceTable(devices, backlogCapacity: 0)); // the backlog is fixed cost, not per device
        long usedRelations = relations == 0 ? 0 : Retained(() => new RelationTable(relations, Math.Max(1, icsDetails)));

        var feed = new PlantFeed();
        var pipeline = new DecodePipeline(new PipelineOptions(), feed, source.LinkType, feed);
        BenchWorkload.DecodeAll(pipeline, source); // the pipeline's pools, without a model
        var exact = new PlantOptions
        {
            DeviceCapacity = Math.Max(1, devices),
            RelationCapacity = Math.Max(1, relations),
            IcsRelationCapacity = Math.Max(1, icsDetails),
            ConnectionCapacity = defaults.ConnectionCapacity,
            SynTimeout = defaults.SynTimeout,
            ConnectionIdleTimeout = defaults.ConnectionIdleTimeout,
        };
        var model = new PlantModel(exact);
        feed.Target = model;
        // With the tables pre-sized and the pipeline's pools warm, what learning allocates is the model's identity
        // records and strings (and any garbage of making them): an upper bound of what it keeps. GetTotalMemory is
        // off by a few hundred bytes either way, as much as a small capture's whole identity heap, so it is not used here.
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        BenchWorkload.DecodeAll(pipeline, source);
        long learnedHeap = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        if (model.Devices.Count != devices || model.Relations.Count != relations)
        {
            throw new InvalidOperationException(
                $"relearning into exactly sized tables gave {model.Devices.Count} devices / {model.Relations.Count} relations, not {devices} / {relations}");
        }

        GC.KeepAlive(pipeline);
        GC.KeepAlive(model);

        return new PlantMemoryReport
        {
            Devices = devices,
            Relations = relations,
            IcsRelationDetails = icsDetails,
            IcsRelationDetailSize = detailSize,
            Connections = connections,
            Profiles = profiles,
            DeviceSize = deviceSize,
            RelationSize = relationSize,
            ConnectionSize = connectionSize,
            DeviceIndexEntrySize = deviceEntry,
            RelationIndexEntrySize = relationEntry,
            ConnectionIndexEntrySize = connectionEntry,
            StructuralBytesPerDevice = devices == 0 ? 0 : perDeviceShare + relationShare,
            StructuralRelationBytesPerDevice = relationShare,
            MeasuredBytesPerDevice = devices == 0 ? 0 : (double)(usedDevices + usedRelations + learnedHeap) / devices,
            MeasuredLearnedHeapBytes = learnedHeap,
            FixedModelBytes = fixedModel,
            FixedDeviceTableBytes = fixedDevices,
            FixedRelationTableBytes = fixedRelations,
            FixedConnectionTableBytes = fixedConnections,
            DefaultDeviceCapacity = defaults.DeviceCapacity,
            DefaultRelationCapacity = defaults.RelationCapacity,
            DefaultConnectionCapacity = defaults.ConnectionCapacity,
        };
    }

    /// <summary>
    /// Heap held by what <paramref name="make"/> returns: the bytes it allocated on this thread. Exact, and all kept
    /// (the table constructors make no garbage); <see cref="GC.GetTotalMemory"/> is process-wide and would count
    /// other threads' allocations too.
    /// </summary>
    private static long Retained<T>(Func<T> make)
        where T : class
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        T made = make();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(made);
        return allocated;
    }

    /// <summary>The layout of a <see cref="Dictionary{TKey, TValue}"/> entry (hash code, next, key, value) in .NET; only its size is used.</summary>
    private readonly record struct IndexEntry<TKey>(uint HashCode, int Next, TKey Key, int Value)
        where TKey : struct;
}
