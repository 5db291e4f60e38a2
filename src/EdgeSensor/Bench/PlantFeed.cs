using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;

namespace EdgeSensor.Bench;

/// <summary>
/// Forwards a pipeline's packets and PDUs to a plant model that can be attached later, so the pipeline's own pools
/// can be filled first and the heap a model gains while learning is measured apart from the pipeline's.
/// </summary>
internal sealed class PlantFeed : IPduSink, IPacketObserver
{
    public PlantModel? Target { get; set; }

    public void OnPacket(in PacketInfo packet, long timestampMicroseconds, int frameLength) =>
        Target?.OnPacket(in packet, timestampMicroseconds, frameLength);

    public void OnModbus(in PduContext context, in ModbusAdu adu, ReadOnlySpan<byte> bytes, DecodeStatus status, ModbusMalformedReason reason, long requestFrame) =>
        Target?.OnModbus(in context, in adu, bytes, status, reason, requestFrame);

    public void OnCotpConnection(in PduContext context, in CotpTpdu tpdu) => Target?.OnCotpConnection(in context, in tpdu);

    public void OnS7Comm(in PduContext context, ReadOnlySpan<byte> pdu, in S7Header header, in SzlReference szl) =>
        Target?.OnS7Comm(in context, pdu, in header, in szl);

    public void OnS7Plus(in PduContext context, in S7PlusHeader header, ReadOnlySpan<byte> payload) =>
        Target?.OnS7Plus(in context, in header, payload);

    public void OnMalformed(in PduContext context, ProtocolLayer layer, byte reason) => Target?.OnMalformed(in context, layer, reason);
}
