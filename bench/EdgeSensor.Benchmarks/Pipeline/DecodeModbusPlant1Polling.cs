using BenchmarkDotNet.Attributes;

namespace EdgeSensor.Benchmarks.Pipeline;

/// <summary>Modbus/TCP polling of a plant (14 flows, 15976 ADUs); per frame.</summary>
public class DecodeModbusPlant1Polling : DecodePipelineBenchmarks
{
    /// <summary>Frames in modbus_plant1_polling-baseline.pcap (checked at setup).</summary>
    public const int Frames = 15387;

    public DecodeModbusPlant1Polling()
        : base("modbus_plant1_polling-baseline.pcap", Frames)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long PacketDotNet() => ParseWithPacketDotNet();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long ByteSum() => SumBytes();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long EdgeDecode() => DecodeAll();
}
