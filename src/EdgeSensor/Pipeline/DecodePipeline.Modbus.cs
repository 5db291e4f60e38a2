using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Pipeline;

public sealed partial class DecodePipeline
{
    /// <summary>
    /// Request or response by port, as Wireshark's classify_mbtcp_packet: towards the Modbus port is a request,
    /// from it a response, anything else (both or neither side on the port) cannot be told.
    /// </summary>
    private ModbusDirection ClassifyModbus(in PduContext context)
    {
        bool fromServerPort = _portProtocol[context.SourcePort] == IcsProtocol.Modbus;
        bool toServerPort = _portProtocol[context.DestinationPort] == IcsProtocol.Modbus;
        if (toServerPort && !fromServerPort)
        {
            return ModbusDirection.Request;
        }

        return fromServerPort && !toServerPort ? ModbusDirection.Response : ModbusDirection.Unknown;
    }

    private sealed class ModbusReceiver(DecodePipeline pipeline) : IPduReceiver
    {
        public void OnPdu(ReadOnlySpan<byte> pdu)
        {
            var p = pipeline;
            var context = p.CurrentContext();
            var direction = p.ClassifyModbus(in context);
            var status = ModbusDecoder.TryDecode(pdu, direction, out var adu, out var reason);
            p.Counters.ModbusPdus++;
            if (status == DecodeStatus.Malformed)
            {
                p.Counters.CountMalformed(ProtocolLayer.Modbus, (byte)reason);
            }

            long requestFrame = 0;
            ref IcsFlow flow = ref p._flows[p._slot];
            if (direction == ModbusDirection.Request)
            {
                flow.Transactions.TryAddRequest(in adu, context.FrameNumber);
            }
            else if (direction == ModbusDirection.Response && flow.Transactions.TryMatchResponse(in adu, out var request))
            {
                requestFrame = request.FrameNumber;
            }

            p._sink.OnModbus(in context, in adu, pdu, status, reason, requestFrame);
        }

        public void OnRejected(ReadOnlySpan<byte> rest, DecodeStatus status, byte reason)
        {
            if (status == DecodeStatus.NotThisProtocol)
            {
                pipeline.Counters.ModbusNotThisProtocol++;
                var foreign = pipeline.CurrentContext();
                pipeline._sink.OnForeignTraffic(in foreign, IcsProtocol.Modbus);
                return;
            }

            pipeline.Counters.CountMalformed(ProtocolLayer.Modbus, reason);
            var context = pipeline.CurrentContext();
            pipeline._sink.OnMalformed(in context, ProtocolLayer.Modbus, reason);
        }

        public void OnAbandoned(int bytes) => pipeline.Counters.PduBytesAbandoned += bytes;
    }
}
