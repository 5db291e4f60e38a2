using BenchmarkDotNet.Attributes;
using EdgeSensor.Benchmarks.Pipeline;

namespace EdgeSensor.Benchmarks.Plant;

/// <summary>Plant model in steady state on Modbus, S7comm and IT traffic mixed on one link; per frame.</summary>
public class PlantModelBenchmarksMixedPlant1 : PlantModelBenchmarks
{
    public const int Frames = DecodeMixedPlant1.Frames;

    public PlantModelBenchmarksMixedPlant1()
        : base("mixed_plant1_modbus-s7comm-it-traffic.pcap", Frames)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long DecodeOnly() => RunDecodeOnly();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long DecodeAndPlant() => RunDecodeAndPlant();
}
