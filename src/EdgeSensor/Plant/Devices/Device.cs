using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant.Baselines;

namespace EdgeSensor.Plant.Devices;

/// <summary>
/// One device (an IP address that sends, or that an ICS PDU is addressed to), stored by value in
/// <see cref="DeviceTable"/> and updated in place per packet. Unmanaged on purpose: the whole table is saved and loaded
/// as bytes. Identity strings live apart, in <see cref="DeviceProfile"/>.
/// </summary>
public struct Device : Tables.ISeenSlot
{
    readonly bool Tables.ISeenSlot.IsOccupied => true;

    readonly long Tables.ISeenSlot.SeenAt => LastSeen;

    public NetAddress Address;

    /// <summary>The source MAC of its packets, and a second one if it changed (0 = none).</summary>
    public ulong Mac;
    public ulong PreviousMac;

    /// <summary>VLAN ids seen (outer tag), the first two.</summary>
    public ushort Vlan;
    public ushort OtherVlan;
    public bool Tagged;

    public long FirstSeen;
    public long LastSeen;

    /// <summary>First seen after the learning period ended.</summary>
    public bool IsNew;

    /// <summary>
    /// IP frames (captured lengths) from and to its address; received includes those addressed to it before it was a
    /// device (see <see cref="ReceiveBacklog"/>).
    /// </summary>
    public long PacketsSent;
    public long PacketsReceived;
    public long BytesSent;
    public long BytesReceived;

    public ServiceMask Served;
    public ServiceMask Used;

    /// <summary>What it used when learning ended: an IT host that starts speaking ICS afterwards is still an IT host.</summary>
    public ServiceMask BaselineUsed;

    /// <summary>Connection attempts by this device that were refused or never answered.</summary>
    public long FailedConnections;

    /// <summary>Relations where this device is the client / the server.</summary>
    public int ClientRelations;
    public int ServerRelations;

    /// <summary>ICS behaviour, for role inference: requests sent as a client, answers given as a server.</summary>
    public long IcsReadRequests;
    public long IcsWriteRequests;
    public long IcsProgramRequests;
    public long IcsControlRequests;
    public long DiscoverRequests;
    public long IcsResponses;

    /// <summary>TLS and RDP, as a client and as a server.</summary>
    public long TlsClientHellos;
    public long TlsClientHellosWithoutSni;
    public long TlsCertificatesServed;
    public long RdpRequestsSent;
    public long RdpRequestsReceived;

    public RateBaseline Rate;

    /// <summary>Index of the identity record in the profile list, -1 when none was learned.</summary>
    public int ProfileIndex;
}
