using System.Buffers.Binary;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Detection;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Detection;

/// <summary>
/// Multiple failed connections to an ICS device. No shared capture has repeated refused attempts at a controller, so
/// after learning the real mixed plant capture, a client's refused SYNs to one of its Modbus PLCs are made as frames
/// (Ethernet/IPv4/TCP, RST+ACK answers) and fed through the same pipeline.
/// </summary>
public sealed class FailedToIcsDeviceTests
{
    private static readonly NetAddress Client = NetAddress.Parse("141.81.0.188");   // an IT host of the capture
    private static readonly NetAddress Plc = NetAddress.Parse("141.81.0.66");       // a Modbus PLC of the capture

    [Fact]
    public void Retrying_one_port_of_a_plant_that_is_down_is_not_a_probe()
    {
        var model = PlantRuns.Learn(null, "mixed_plant1_modbus-s7comm-it-traffic.pcap");
        model.EndLearning();
        var engine = new DetectionEngine(model);
        var pipeline = new DecodePipeline(new PipelineOptions(), model, LinkType.Ethernet, model);
        long t = model.Now + 1_000_000;
        for (int i = 0; i < 20; i++)
        {
            ushort clientPort = (ushort)(40000 + i);
            pipeline.ProcessFrame(Tcp(Client, clientPort, Plc, 502, 1000, 0, 0x02), t);
            pipeline.ProcessFrame(Tcp(Plc, 502, Client, clientPort, 0, 1001, 0x14), t + 200);
            t += 100_000;
        }

        Assert.DoesNotContain(engine.Incidents.Anomalies(), a => a.Model == "failed-connections-to-ics-device");
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void Refused_attempts_at_a_plc_fire_from_the_threshold(int attempts, bool fires)
    {
        var model = PlantRuns.Learn(null, "mixed_plant1_modbus-s7comm-it-traffic.pcap");
        model.EndLearning();
        var engine = new DetectionEngine(model);
        var pipeline = new DecodePipeline(new PipelineOptions(), model, LinkType.Ethernet, model);
        long t = model.Now + 1_000_000;
        for (int i = 0; i < attempts; i++)
        {
            ushort clientPort = (ushort)(40000 + i);
            ushort port = (ushort)(102 + i);                                                    // 102, 103, ...: a probe of the PLC's ports
            pipeline.ProcessFrame(Tcp(Client, clientPort, Plc, port, 1000, 0, 0x02), t);        // SYN (closed port)
            pipeline.ProcessFrame(Tcp(Plc, port, Client, clientPort, 0, 1001, 0x14), t + 200); // RST+ACK: refused
            t += 100_000;
        }

        var anomalies = engine.Incidents.Anomalies().Where(a => a.Model == "failed-connections-to-ics-device").ToList();
        Assert.Equal(fires, anomalies.Count == 1);
        if (fires)
        {
            Assert.Equal("141.81.0.188", anomalies[0].Device);
            Assert.Equal(["141.81.0.66"], anomalies[0].Peers);
            Assert.Equal(45, anomalies[0].Score);
        }
    }

    /// <summary>An Ethernet II / IPv4 / TCP frame without payload.</summary>
    private static byte[] Tcp(NetAddress src, ushort srcPort, NetAddress dst, ushort dstPort, uint seq, uint ack, byte flags)
    {
        var f = new byte[54];
        f[12] = 0x08;                                               // EtherType IPv4
        f[14] = 0x45;                                               // version 4, IHL 5
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), 40);   // total length
        f[22] = 64;                                                 // TTL
        f[23] = 6;                                                  // TCP
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(26), src.V4);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(30), dst.V4);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(34), srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(36), dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(38), seq);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(42), ack);
        f[46] = 0x50;                                               // data offset 5
        f[47] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(48), 8192); // window
        return f;
    }
}
