using BenchmarkDotNet.Attributes;
using EdgeSensor.Benchmarks.Pipeline;

namespace EdgeSensor.Benchmarks.Plant;

/// <summary>Plant model in steady state on Modbus/TCP polling of a plant (14 flows); per frame.</summary>
public class PlantModelBenchmarksModbusPlant1Polling : PlantModelBenchmarks
{
    public const int Frames = DecodeModbusPlant1Polling.Frames;

    public PlantModelBenchmarksModbusPlant1Polling()
        : base("modbus_plant1_polling-baseline.pcap", Frames)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long DecodeOnly() => RunDecodeOnly();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long DecodeAndPlant() => RunDecodeAndPlant();
}
