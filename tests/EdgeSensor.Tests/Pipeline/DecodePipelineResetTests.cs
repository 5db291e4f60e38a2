using System.Reflection;
using EdgeSensor.Bench;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;
using EdgeSensor.Stats;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Pipeline;

/// <summary>
/// <see cref="DecodePipeline.Reset"/> makes a used pipeline behave as a new one: the benchmarks and
/// <c>edge-sensor bench</c> reuse one instance, so every pass must do the work a fresh sensor would.
/// </summary>
public class DecodePipelineResetTests
{
    [Theory]
    [InlineData("modbus_plant1_polling-baseline.pcap")]
    [InlineData("s7comm_hmi-read-baseline-15min.pcap")]
    [InlineData("mixed_plant1_modbus-s7comm-it-traffic.pcap")]
    [InlineData("s7commplus_s7-1200_program-download.pcapng")]
    public void DecodeAgainAfterReset_GivesTheCountersOfANewPipeline(string capture)
    {
        using var source = MemoryCaptureSource.LoadFile(SharedData.Pcap(capture));
        string fresh = CountersOf(NewPipelineDecode(source));

        var sink = new CountingPduSink();
        var reused = new DecodePipeline(new PipelineOptions(), sink, source.LinkType);
        BenchWorkload.DecodeAll(reused, source);
        BenchWorkload.DecodeAll(reused, source);
        string third = CountersOf(BenchWorkloadCounters(reused, source));

        Assert.Equal(fresh, third);
        Assert.Equal(0, reused.ActiveFlows);
    }

    [Fact]
    public void Clear_ZeroesEveryCounter()
    {
        var counters = new DecodeCounters();
        foreach (var field in typeof(DecodeCounters).GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            field.SetValue(counters, 7L);
        }

        counters.CountMalformed(ProtocolLayer.S7CommPlus, 255);
        counters.CountMalformed(ProtocolLayer.Packet, 0);

        counters.Clear();

        foreach (var field in typeof(DecodeCounters).GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.True((long)field.GetValue(counters)! == 0, $"{field.Name} not cleared");
        }

        foreach (var layer in Enum.GetValues<ProtocolLayer>())
        {
            Assert.Equal(0, counters.MalformedTotal(layer));
        }
    }

    private static DecodeCounters NewPipelineDecode(MemoryCaptureSource source)
    {
        source.Rewind();
        var pipeline = new DecodePipeline(new PipelineOptions(), new CountingPduSink(), source.LinkType);
        pipeline.Run(source);
        pipeline.Complete();
        return pipeline.Counters;
    }

    private static DecodeCounters BenchWorkloadCounters(DecodePipeline pipeline, MemoryCaptureSource source)
    {
        BenchWorkload.DecodeAll(pipeline, source);
        return pipeline.Counters;
    }

    private static string CountersOf(DecodeCounters counters)
    {
        using var writer = new StringWriter();
        StatsCommand.Write(writer, counters);
        return writer.ToString();
    }
}
