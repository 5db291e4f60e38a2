using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Tcp;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant.Baselines;
using EdgeSensor.Plant.Connections;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant;

/// <summary>
/// The sensor's picture of the plant: devices, the connections between them, and per-device baselines (relations,
/// ICS functions, SZL ids, rates, hours of activity), learned during a learning period and then compared against.
/// Fed on the capture thread by the decode pipeline (every IP packet, and every ICS PDU) with no per-packet allocation.
/// Packet path in this file; connection tracking in PlantModel.Connections.cs; ICS PDUs in PlantModel.Pdus.cs.
/// </summary>
public sealed partial class PlantModel : IPacketObserver, IPduSink
{
    private const int SweepEveryPackets = 8192;

    private readonly long _synTimeoutMicros;
    private readonly long _idleTimeoutMicros;
    private long _packets;
    private long _now;

    public PlantModel(PlantOptions options)
    {
        Options = options;
        Devices = new DeviceTable(options.DeviceCapacity, options.ReceiveBacklogCapacity);
        Relations = new RelationTable(options.RelationCapacity, options.IcsRelationCapacity);
        Connections = new ConnectionTable(options.ConnectionCapacity);
        _synTimeoutMicros = (long)options.SynTimeout.TotalMicroseconds;
        _idleTimeoutMicros = (long)options.ConnectionIdleTimeout.TotalMicroseconds;
    }

    public PlantOptions Options { get; }

    /// <summary>Detection's ears: told of new devices, failures, new relations and ICS requests as they happen.</summary>
    public IPlantEvents? Events { get; set; }

    public DeviceTable Devices { get; }

    public RelationTable Relations { get; }

    public ConnectionTable Connections { get; }

    /// <summary>Failed connection attempts by server port (refused or never answered).</summary>
    public long[] FailedByPort { get; } = new long[65536];

    public long FailedConnections { get; private set; }

    /// <summary>Capture time (microseconds) the model started learning, 0 before the first packet.</summary>
    public long LearningStarted { get; private set; }

    /// <summary>Capture time learning ended; 0 while learning.</summary>
    public long LearningEnded { get; private set; }

    public bool IsLearning => LearningEnded == 0;

    /// <summary>The latest capture time seen.</summary>
    public long Now => _now;

    /// <summary>Ends learning now: from here on, new devices and relations are flagged new.</summary>
    public void EndLearning()
    {
        if (LearningEnded == 0)
        {
            LearningEnded = Math.Max(_now, 1);
            FreezeBaseline();
        }
    }

    private void FreezeBaseline()
    {
        foreach (ref Device d in Devices.AsSpan())
        {
            d.BaselineUsed = d.Used;
        }
    }

    /// <summary>Restores learning times from saved state.</summary>
    internal void RestoreLearning(long started, long ended, long now)
    {
        LearningStarted = started;
        LearningEnded = ended;
        _now = Math.Max(_now, now);
    }

    public void OnPacket(in PacketInfo packet, long timestampMicroseconds, int frameLength)
    {
        _now = timestampMicroseconds;
        if (LearningStarted == 0)
        {
            LearningStarted = timestampMicroseconds;
            if (Options.LearningPeriod == TimeSpan.Zero)
            {
                LearningEnded = timestampMicroseconds;   // no learning at all: everything is new from the first packet
            }
        }
        else if (LearningEnded == 0 && Options.LearningPeriod is { } period && timestampMicroseconds - LearningStarted >= (long)period.TotalMicroseconds)
        {
            LearningEnded = timestampMicroseconds;
            FreezeBaseline();
        }

        if ((++_packets % SweepEveryPackets) == 0)
        {
            Sweep();
        }

        int src = -1;
        if (IsUnicast(packet.Source))
        {
            bool known = Devices.TryFind(packet.Source, out src);
            if (!known)
            {
                src = AddDevice(packet.Source, timestampMicroseconds);
            }

            ref Device d = ref Devices[src];
            d.LastSeen = timestampMicroseconds;
            d.PacketsSent++;
            d.BytesSent += frameLength;
            d.Rate.Add(timestampMicroseconds, frameLength);
            if (packet.SourceMac != 0 && packet.SourceMac != d.Mac)
            {
                d.PreviousMac = d.Mac;
                d.Mac = packet.SourceMac;
            }

            if (packet.VlanTagCount > 0)
            {
                d.Tagged = true;
                if (d.Vlan == 0)
                {
                    d.Vlan = packet.VlanId;
                }
                else if (d.Vlan != packet.VlanId && d.OtherVlan == 0)
                {
                    d.OtherVlan = packet.VlanId;
                }
            }

            if (!known)
            {
                // Told after its MAC and VLAN are set, so detection sees them.
                Events?.OnNewDevice(this, src);
            }
        }

        // Received: every IP frame whose destination is the device's address. For an address that is not a device yet
        // (it has not sent; or it is added only later, by this frame's ICS PDU) the frame waits in the backlog, which
        // the device takes over when it is added: the SYN or the first request to a server counts as received by it.
        int dst = -1;
        if (Devices.TryFind(packet.Destination, out int found))
        {
            dst = found;
            ref Device d = ref Devices[dst];
            d.PacketsReceived++;
            d.BytesReceived += frameLength;
        }
        else if (IsUnicast(packet.Destination))
        {
            Devices.Backlog.Add(packet.Destination, frameLength, timestampMicroseconds);
        }

        if ((packet.IsTcp || packet.IsUdp) && src >= 0)
        {
            TrackConnection(in packet, src, dst, frameLength);
        }
    }

    /// <summary>Folds rates in progress and settles connection timeouts (before a snapshot or a save).</summary>
    public void Settle()
    {
        Sweep();
        foreach (ref Device d in Devices.AsSpan())
        {
            d.Rate.Fold();
        }
    }

    private int GetOrAddDevice(NetAddress address, long now)
    {
        if (Devices.TryFind(address, out int index))
        {
            return index;
        }

        index = AddDevice(address, now);
        Events?.OnNewDevice(this, index);
        return index;
    }

    private int AddDevice(NetAddress address, long now)
    {
        int index = Devices.Add(address, now, out int evicted);
        if (evicted >= 0)
        {
            Relations.RemoveDevice(evicted);
        }

        Devices[index].IsNew = !IsLearning;
        return index;
    }

    /// <summary>Only unicast senders become devices: not 0.0.0.0 (DHCP), broadcast, multicast.</summary>
    private static bool IsUnicast(NetAddress a)
    {
        if (a.IsIPv4)
        {
            uint v = a.V4;
            return v != 0 && v != 0xFFFF_FFFF && (v >> 28) != 0xE && (v & 0xFF) != 0xFF;
        }

        return (a.High >> 56) != 0xFF && !(a.High == 0 && a.Low == 0);
    }
}
