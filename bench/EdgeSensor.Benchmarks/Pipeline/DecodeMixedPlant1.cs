using BenchmarkDotNet.Attributes;

namespace EdgeSensor.Benchmarks.Pipeline;

/// <summary>Modbus, S7comm and ordinary IT traffic mixed on one link; per frame.</summary>
public class DecodeMixedPlant1 : DecodePipelineBenchmarks
{
    /// <summary>Frames in mixed_plant1_modbus-s7comm-it-traffic.pcap (checked at setup).</summary>
    public const int Frames = 13472;

    public DecodeMixedPlant1()
        : base("mixed_plant1_modbus-s7comm-it-traffic.pcap", Frames)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long PacketDotNet() => ParseWithPacketDotNet();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long ByteSum() => SumBytes();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long EdgeDecode() => DecodeAll();
}
