using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Pipeline;

/// <summary>
/// Sees every IP packet the pipeline decodes (any protocol, any port), before ICS decoding: the plant model's view
/// of who talks to whom. Called on the capture thread; must not allocate or block.
/// </summary>
public interface IPacketObserver
{
    void OnPacket(in PacketInfo packet, long timestampMicroseconds, int frameLength);
}
