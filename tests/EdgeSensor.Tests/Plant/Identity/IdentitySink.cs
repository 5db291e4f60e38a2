using EdgeSensor.Capture;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant.Identity;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Plant.Identity;

/// <summary>
/// Test sink: feeds every S7comm PDU and Modbus response of a capture, run through the real pipeline, to the
/// identity parsers, one identity per device address (a Job's destination, a response's or push's source).
/// </summary>
public sealed class IdentitySink : IPduSink, IDisposable
{
    public Dictionary<NetAddress, S7DeviceIdentity> S7 { get; } = [];

    public Dictionary<NetAddress, ModbusDeviceIdentity> Modbus { get; } = [];

    /// <summary>Frames whose S7 PDU changed an identity.</summary>
    public List<long> ChangingFrames { get; } = [];

    public static IdentitySink Run(string capture)
    {
        using var source = PcapSource.OpenFile(SharedData.Pcap(capture));
        var sink = new IdentitySink();
        var pipeline = new DecodePipeline(new PipelineOptions(), sink, source.LinkType);
        pipeline.Run(source);
        pipeline.Complete();
        return sink;
    }

    public void OnS7Comm(in PduContext context, ReadOnlySpan<byte> pdu, in S7Header header, in SzlReference szl)
    {
        var reader = new S7CommReader(pdu);
        if (reader.TryRead(out S7Pdu s7, out _) != DecodeStatus.Ok)
        {
            return;
        }

        NetAddress device = header.RawRosctr == (byte)S7Rosctr.Job || (s7.IsUserdata && s7.RawUserdataType == (byte)S7UserdataType.Request)
            ? context.Destination
            : context.Source;
        if (!S7.TryGetValue(device, out S7DeviceIdentity? identity))
        {
            identity = new S7DeviceIdentity();
            S7.Add(device, identity);
        }

        if (S7IdentityParser.Apply(identity, s7, szl, context.TimestampMicroseconds, context.FlowId))
        {
            ChangingFrames.Add(context.FrameNumber);
        }
    }

    public void OnModbus(in PduContext context, in ModbusAdu adu, ReadOnlySpan<byte> bytes, DecodeStatus status, ModbusMalformedReason reason, long requestFrame)
    {
        if (context.ToServer)
        {
            return;
        }

        if (!Modbus.TryGetValue(context.Source, out ModbusDeviceIdentity? identity))
        {
            identity = new ModbusDeviceIdentity();
            Modbus.Add(context.Source, identity);
        }

        ModbusIdentityParser.Apply(identity, bytes, context.TimestampMicroseconds);
    }

    public void OnCotpConnection(in PduContext context, in CotpTpdu tpdu)
    {
    }

    public void OnS7Plus(in PduContext context, in S7PlusHeader header, ReadOnlySpan<byte> payload)
    {
    }

    public void OnMalformed(in PduContext context, ProtocolLayer layer, byte reason)
    {
    }

    /// <summary>The identity of the one device at <paramref name="address"/>.</summary>
    public S7DeviceIdentity S7At(string address) => S7[NetAddress.Parse(address)];

    public void Dispose()
    {
        foreach (S7DeviceIdentity identity in S7.Values)
        {
            identity.Dispose();
        }
    }
}
