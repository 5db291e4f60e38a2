using BenchmarkDotNet.Attributes;
using EdgeSensor.Benchmarks.Pipeline;

namespace EdgeSensor.Benchmarks.Plant;

/// <summary>Plant model in steady state on S7comm HMI read polling, 15 minutes; per frame.</summary>
public class PlantModelBenchmarksS7CommHmiRead : PlantModelBenchmarks
{
    public const int Frames = DecodeS7CommHmiRead.Frames;

    public PlantModelBenchmarksS7CommHmiRead()
        : base("s7comm_hmi-read-baseline-15min.pcap", Frames)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long DecodeOnly() => RunDecodeOnly();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long DecodeAndPlant() => RunDecodeAndPlant();
}
