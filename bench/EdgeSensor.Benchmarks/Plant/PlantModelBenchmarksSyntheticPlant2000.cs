using BenchmarkDotNet.Attributes;
using EdgeSensor.Bench;
using EdgeSensor.Capture;

namespace EdgeSensor.Benchmarks.Plant;

/// <summary>
/// Plant model in steady state on a synthetic plant of 2000 devices (<see cref="SyntheticPlantCapture"/>: HMIs polling
/// S7 and Modbus PLCs, IT hosts on HTTPS; 4200 relations), made in memory at setup; per frame.
/// </summary>
public class PlantModelBenchmarksSyntheticPlant2000 : PlantModelBenchmarks
{
    public const int Devices = 2000;

    /// <summary>Frames of the 2000-device synthetic plant (checked at setup).</summary>
    public const int Frames = 37800;

    public PlantModelBenchmarksSyntheticPlant2000()
        : base($"synthetic-plant-{Devices}", Load, Frames)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long DecodeOnly() => RunDecodeOnly();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long DecodeAndPlant() => RunDecodeAndPlant();

    private static MemoryCaptureSource Load()
    {
        using var synthetic = SyntheticPlantCapture.Create(Devices);
        return MemoryCaptureSource.Load(synthetic);
    }
}
