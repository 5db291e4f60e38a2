using System.Globalization;
using System.Text;
using EdgeSensor.Capture;
using EdgeSensor.Dissect;
using EdgeSensor.Pipeline;
using EdgeSensor.Stats;
using EdgeSensor.Tests.Parity;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Pipeline;

/// <summary>
/// Every capture in ../shared/pcaps, including the malformed and fuzz ones, goes through the whole pipeline without
/// an exception; malformed units are counted by reason (written to artifacts/malformed-by-reason.txt).
/// </summary>
public sealed class AllCapturesTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (string c in SharedData.AllCaptures())
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Decodes_without_exception_and_accounts_for_every_frame(string capture)
    {
        var options = new PipelineOptions();
        foreach (string spec in SharedData.DecodeAs(capture))
        {
            Assert.True(DissectCommand.TryParseDecodeAs(spec, options, out _));
        }

        using var source = PcapSource.OpenFile(SharedData.Pcap(capture));
        var sink = new CountingPduSink();
        var pipeline = new DecodePipeline(options, sink, source.LinkType);
        pipeline.Run(source);
        pipeline.Complete();

        var c = pipeline.Counters;
        Assert.Equal(source.FramesRead, c.Frames);
        Assert.Equal(c.ModbusPdus, sink.ModbusPdus);
        Assert.Equal(c.S7CommPdus, sink.S7CommPdus);
        Assert.Equal(c.S7PlusPdus, sink.S7PlusPdus);
        Assert.Equal(0, pipeline.ActiveFlows);
    }

    [Fact]
    public void Malformed_and_foreign_traffic_is_counted_by_reason()
    {
        var report = new StringBuilder();
        long fuzzRejected = 0;
        foreach (string capture in SharedData.AllCaptures())
        {
            ParityComparer.Dissect(capture, DissectProtocol.Modbus, out var counters);
            var reasons = StatsCommand.MalformedByReason(counters).ToList();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{capture}\tmodbus_not_this_protocol={counters.ModbusNotThisProtocol}\tiso_not_this_protocol={counters.IsoNotThisProtocol}\t{string.Join(' ', reasons.Select(r => $"{r.Name}={r.Count}"))}");
            if (capture.Contains("fuzz", StringComparison.Ordinal) || capture.Contains("non-modbus", StringComparison.Ordinal))
            {
                fuzzRejected += counters.ModbusNotThisProtocol + counters.MalformedTotal(ProtocolLayer.Modbus);
            }
        }

        File.WriteAllText(Path.Combine(SharedData.ArtifactsDirectory, "malformed-by-reason.txt"), report.ToString());

        // The internet scanners and TLS hello on port 502, and the fuzzers' garbage, are not mistaken for Modbus.
        var nonModbus = Count("modbus_and-non-modbus-on-port-502.pcap");
        Assert.True(nonModbus.ModbusNotThisProtocol > 0, "non-Modbus traffic on 502 was not recognised as such");
        Assert.True(fuzzRejected > 0);
        // The RDP capture's broken X.224 on 3389 is no concern of the S7 path: nothing is decoded as S7 there.
        Assert.Equal(0, Count("rdp_malformed-invalid-length.pcap").S7CommPdus);
    }

    [Fact]
    public void Tls_on_the_modbus_port_is_not_modbus()
    {
        var c = Count("modbus_and-non-modbus-on-port-502.pcap");
        var reference = TsvTable.Parse(File.ReadAllText(Path.Combine(SharedData.ReferenceDirectory, "modbus_and-non-modbus-on-port-502.pcap.modbus.tsv")));
        Assert.Equal(reference.Rows.Count, c.ModbusPdus);
    }

    private static DecodeCounters Count(string capture)
    {
        using var source = PcapSource.OpenFile(SharedData.Pcap(capture));
        var pipeline = new DecodePipeline(new PipelineOptions(), new CountingPduSink(), source.LinkType);
        pipeline.Run(source);
        pipeline.Complete();
        return pipeline.Counters;
    }
}
