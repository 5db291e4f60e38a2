using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Pipeline;

/// <summary>
/// Where a PDU was seen: the frame in which it completed and both endpoints, said explicitly as source and
/// destination (replies flip direction, so never "originator").
/// </summary>
public readonly struct PduContext
{
    public PduContext(long frameNumber, long timestampMicroseconds, NetAddress source, NetAddress destination,
        ushort sourcePort, ushort destinationPort, ushort vlanId, int flowId, bool toServer)
    {
        FrameNumber = frameNumber;
        TimestampMicroseconds = timestampMicroseconds;
        Source = source;
        Destination = destination;
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        VlanId = vlanId;
        FlowId = flowId;
        ToServer = toServer;
    }

    /// <summary>1-based number of the frame in the capture.</summary>
    public long FrameNumber { get; }

    public long TimestampMicroseconds { get; }

    public NetAddress Source { get; }

    public NetAddress Destination { get; }

    public ushort SourcePort { get; }

    public ushort DestinationPort { get; }

    public ushort VlanId { get; }

    /// <summary>Sequential id of the TCP flow in order of first appearance.</summary>
    public int FlowId { get; }

    /// <summary>The PDU travels from client to server (towards the ICS port).</summary>
    public bool ToServer { get; }
}
