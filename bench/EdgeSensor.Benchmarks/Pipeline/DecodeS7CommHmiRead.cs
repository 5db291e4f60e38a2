using BenchmarkDotNet.Attributes;

namespace EdgeSensor.Benchmarks.Pipeline;

/// <summary>S7comm HMI read polling, 15 minutes (5274 S7 PDUs); per frame.</summary>
public class DecodeS7CommHmiRead : DecodePipelineBenchmarks
{
    /// <summary>Frames in s7comm_hmi-read-baseline-15min.pcap (checked at setup).</summary>
    public const int Frames = 5447;

    public DecodeS7CommHmiRead()
        : base("s7comm_hmi-read-baseline-15min.pcap", Frames)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long PacketDotNet() => ParseWithPacketDotNet();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long ByteSum() => SumBytes();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long EdgeDecode() => DecodeAll();
}
