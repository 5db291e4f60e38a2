using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;

namespace EdgeSensor.Pipeline;

/// <summary>
/// A sink that only counts, allocation-free: PDUs per protocol, Modbus function codes (raw byte, exceptions under
/// code | 0x80) and S7 ROSCTRs. Used by <c>edge-sensor stats</c> and the benchmarks.
/// </summary>
public sealed class CountingPduSink : IPduSink
{
    public long[] ModbusByRawFunctionCode { get; } = new long[256];

    public long[] S7ByRosctr { get; } = new long[256];

    public long ModbusPdus { get; private set; }

    public long CotpConnections { get; private set; }

    public long S7CommPdus { get; private set; }

    public long S7PlusPdus { get; private set; }

    public long MalformedReports { get; private set; }

    public void OnModbus(in PduContext context, in ModbusAdu adu, ReadOnlySpan<byte> bytes, DecodeStatus status, ModbusMalformedReason reason, long requestFrame)
    {
        ModbusPdus++;
        ModbusByRawFunctionCode[adu.RawFunctionCode]++;
    }

    public void OnCotpConnection(in PduContext context, in CotpTpdu tpdu) => CotpConnections++;

    public void OnS7Comm(in PduContext context, ReadOnlySpan<byte> pdu, in S7Header header, in SzlReference szl)
    {
        S7CommPdus++;
        S7ByRosctr[header.RawRosctr]++;
    }

    public void OnS7Plus(in PduContext context, in S7PlusHeader header, ReadOnlySpan<byte> payload) => S7PlusPdus++;

    public void OnMalformed(in PduContext context, ProtocolLayer layer, byte reason) => MalformedReports++;
}
