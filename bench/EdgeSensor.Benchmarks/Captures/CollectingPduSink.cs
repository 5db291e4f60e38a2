using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Benchmarks.Captures;

/// <summary>Setup only: copies every PDU the pipeline hands out, to feed the per-decoder micro-benchmarks.</summary>
public sealed class CollectingPduSink : IPduSink
{
    public List<(byte[] Bytes, bool ToServer)> ModbusAdus { get; } = [];

    public List<(byte[] Bytes, bool ToServer)> S7CommPdus { get; } = [];

    public List<(byte[] Bytes, bool ToServer)> S7PlusPayloads { get; } = [];

    public void OnModbus(in PduContext context, in ModbusAdu adu, ReadOnlySpan<byte> bytes, DecodeStatus status, ModbusMalformedReason reason, long requestFrame) =>
        ModbusAdus.Add((bytes.ToArray(), context.ToServer));

    public void OnCotpConnection(in PduContext context, in CotpTpdu tpdu)
    {
    }

    public void OnS7Comm(in PduContext context, ReadOnlySpan<byte> pdu, in S7Header header, in SzlReference szl) =>
        S7CommPdus.Add((pdu.ToArray(), context.ToServer));

    public void OnS7Plus(in PduContext context, in S7PlusHeader header, ReadOnlySpan<byte> payload) =>
        S7PlusPayloads.Add((payload.ToArray(), context.ToServer));

    public void OnMalformed(in PduContext context, ProtocolLayer layer, byte reason)
    {
    }
}
