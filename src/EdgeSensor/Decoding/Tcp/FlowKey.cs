using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// A transport conversation: both endpoints, the IP protocol and the VLAN, in canonical order
/// (the smaller endpoint first) so both directions find the same entry.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    public FlowKey(NetAddress a, ushort portA, NetAddress b, ushort portB, byte protocol, ushort vlanId)
    {
        bool swap = a > b || (a == b && portA > portB);
        A = swap ? b : a;
        PortA = swap ? portB : portA;
        B = swap ? a : b;
        PortB = swap ? portA : portB;
        Protocol = protocol;
        VlanId = vlanId;
    }

    public NetAddress A { get; }

    public NetAddress B { get; }

    public ushort PortA { get; }

    public ushort PortB { get; }

    public byte Protocol { get; }

    public ushort VlanId { get; }

    /// <summary>True when a packet from (<paramref name="source"/>, <paramref name="sourcePort"/>) travels A to B.</summary>
    public bool IsFromA(NetAddress source, ushort sourcePort) => source == A && sourcePort == PortA;

    public bool Equals(FlowKey other) =>
        A == other.A && B == other.B && PortA == other.PortA && PortB == other.PortB && Protocol == other.Protocol && VlanId == other.VlanId;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(A, B, PortA, PortB, Protocol, VlanId);

    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);

    public override string ToString() => $"{A}:{PortA} <-> {B}:{PortB} proto {Protocol} vlan {VlanId}";
}
