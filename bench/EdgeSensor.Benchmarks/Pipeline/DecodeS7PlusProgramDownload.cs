using BenchmarkDotNet.Attributes;

namespace EdgeSensor.Benchmarks.Pipeline;

/// <summary>S7comm-plus program download to an S7-1200 (large fragmented PDUs); per frame.</summary>
public class DecodeS7PlusProgramDownload : DecodePipelineBenchmarks
{
    /// <summary>Frames in s7commplus_s7-1200_program-download.pcapng (checked at setup).</summary>
    public const int Frames = 1161;

    public DecodeS7PlusProgramDownload()
        : base("s7commplus_s7-1200_program-download.pcapng", Frames)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long PacketDotNet() => ParseWithPacketDotNet();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long ByteSum() => SumBytes();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long EdgeDecode() => DecodeAll();
}
