using BenchmarkDotNet.Attributes;
using EdgeSensor.Benchmarks.Captures;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Modbus;

namespace EdgeSensor.Benchmarks.Decoding;

/// <summary>
/// <see cref="ModbusDecoder.TryDecode"/> (and the MBAP framing check before it) over real Modbus/TCP ADUs taken from
/// modbus_plant1_polling-baseline.pcap at setup, requests and responses in capture order; per ADU.
/// </summary>
[MemoryDiagnoser]
public class ModbusDecoderBenchmarks
{
    public const int Adus = 4096;

    private PduSet _adus = null!;

    [GlobalSetup]
    public void Setup() =>
        _adus = PduSet.From(CaptureReplay.CollectPdus("modbus_plant1_polling-baseline.pcap").ModbusAdus, Adus, "Modbus ADUs");

    [Benchmark(OperationsPerInvoke = Adus)]
    public long FrameAndDecode()
    {
        long sum = 0;
        var adus = _adus;
        for (int i = 0; i < adus.Count; i++)
        {
            ReadOnlySpan<byte> adu = adus[i];
            if (ModbusFraming.TryGetFrameLength(adu, out int length, out _) != DecodeStatus.Ok)
            {
                continue;
            }

            var direction = adus.ToServer(i) ? ModbusDirection.Request : ModbusDirection.Response;
            if (ModbusDecoder.TryDecode(adu[..length], direction, out var result, out _) == DecodeStatus.Ok)
            {
                sum += result.RawFunctionCode;
            }
        }

        return sum;
    }
}
