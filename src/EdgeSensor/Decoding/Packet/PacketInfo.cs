namespace EdgeSensor.Decoding.Packet;

/// <summary>Network and transport facts of one frame. A plain struct, filled in place by <see cref="PacketDecoder"/>.</summary>
public struct PacketInfo
{
    public const byte ProtocolTcp = 6;
    public const byte ProtocolUdp = 17;

    /// <summary>Source and destination MAC addresses as 48-bit integers (0 when the link has none).</summary>
    public ulong SourceMac;
    public ulong DestinationMac;

    /// <summary>Outer 802.1Q VLAN id (0 = untagged) and, for QinQ, the inner one.</summary>
    public ushort VlanId;
    public ushort InnerVlanId;
    public byte VlanTagCount;

    /// <summary>The EtherType after VLAN tags (0x0800 IPv4, 0x86DD IPv6, 0x0806 ARP, ...).</summary>
    public ushort EtherType;

    /// <summary>4 or 6 when an IP header was decoded, else 0.</summary>
    public byte IpVersion;
    public NetAddress Source;
    public NetAddress Destination;
    public byte Ttl;

    /// <summary>IP protocol / IPv6 next header of the transport (6 TCP, 17 UDP, ...).</summary>
    public byte IpProtocol;

    /// <summary>The datagram is an IP fragment (MF set or offset non-zero); transport is decoded only for the first fragment.</summary>
    public bool IsFragment;
    public bool IsFirstFragment;

    public ushort SourcePort;
    public ushort DestinationPort;

    /// <summary>TCP sequence and acknowledgement numbers, flags and window.</summary>
    public uint Sequence;
    public uint Acknowledgement;
    public TcpFlags TcpFlags;
    public ushort Window;

    /// <summary>Where the transport payload starts in the frame and how long it is (IP padding removed).</summary>
    public int PayloadOffset;
    public int PayloadLength;

    public readonly bool IsTcp => IpProtocol == ProtocolTcp && PayloadOffset > 0;

    public readonly bool IsUdp => IpProtocol == ProtocolUdp && PayloadOffset > 0;
}
