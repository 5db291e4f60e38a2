namespace EdgeSensor.Pipeline;

/// <summary>
/// What the pipeline saw, as plain counters (single writer: the capture thread). Malformed units are counted by
/// layer and reason so that malformed traffic can itself be reported and detected.
/// </summary>
public sealed class DecodeCounters
{
    private readonly long[] _malformed = new long[(Enum.GetValues<ProtocolLayer>().Length) * 256];

    public long Frames;
    public long Bytes;
    public long NonIpFrames;
    public long IpFragments;
    public long TcpSegments;
    public long UdpDatagrams;
    public long IcsSegments;
    public long FlowsCreated;
    public long FlowsEvictedIdle;
    public long FlowsEvictedCapacity;
    public long TcpRetransmissions;

    /// <summary>Segments of a connection that had already ended (late retransmissions), ignored.</summary>
    public long SegmentsAfterClose;
    public long TcpOutOfOrder;
    public long TcpGaps;

    /// <summary>Segments that arrived after later data and filled (part of) the hole it left.</summary>
    public long TcpLateFills;
    public long PduBytesAbandoned;
    public long ModbusPdus;
    public long ModbusNotThisProtocol;
    public long IsoTpdus;
    public long IsoNotThisProtocol;
    public long CotpConnectionTpdus;
    public long S7CommPdus;
    public long S7PlusPdus;

    /// <summary>COTP user data that is neither S7comm (0x32) nor S7comm-plus (0x72).</summary>
    public long IsoUnknownPayloads;

    public long TlsFlowsInspected;

    /// <summary>Segments on non-ICS ports that look like Modbus/TCP or S7.</summary>
    public long IcsOnNonStandardPort;
    public long TlsClientHellos;
    public long TlsClientHellosWithoutSni;
    public long TlsServerHellos;
    public long TlsCertificates;
    public long RdpConnectionRequests;
    public long RdpConnectionConfirms;

    public long Malformed(ProtocolLayer layer, byte reason) => _malformed[((int)layer * 256) + reason];

    public long MalformedTotal(ProtocolLayer layer)
    {
        long sum = 0;
        for (int i = 0; i < 256; i++)
        {
            sum += _malformed[((int)layer * 256) + i];
        }

        return sum;
    }

    /// <summary>Sets every counter back to zero (<see cref="DecodePipeline.Reset"/>); allocates nothing.</summary>
    public void Clear()
    {
        Frames = 0;
        Bytes = 0;
        NonIpFrames = 0;
        IpFragments = 0;
        TcpSegments = 0;
        UdpDatagrams = 0;
        IcsSegments = 0;
        FlowsCreated = 0;
        FlowsEvictedIdle = 0;
        FlowsEvictedCapacity = 0;
        TcpRetransmissions = 0;
        SegmentsAfterClose = 0;
        TcpOutOfOrder = 0;
        TcpGaps = 0;
        TcpLateFills = 0;
        PduBytesAbandoned = 0;
        ModbusPdus = 0;
        ModbusNotThisProtocol = 0;
        IsoTpdus = 0;
        IsoNotThisProtocol = 0;
        CotpConnectionTpdus = 0;
        S7CommPdus = 0;
        S7PlusPdus = 0;
        IsoUnknownPayloads = 0;
        TlsFlowsInspected = 0;
        IcsOnNonStandardPort = 0;
        TlsClientHellos = 0;
        TlsClientHellosWithoutSni = 0;
        TlsServerHellos = 0;
        TlsCertificates = 0;
        RdpConnectionRequests = 0;
        RdpConnectionConfirms = 0;
        Array.Clear(_malformed);
    }

    internal void CountMalformed(ProtocolLayer layer, byte reason) => _malformed[((int)layer * 256) + reason]++;
}
