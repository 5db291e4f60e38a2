using BenchmarkDotNet.Attributes;
using EdgeSensor.Benchmarks.Captures;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7Comm;

namespace EdgeSensor.Benchmarks.Decoding;

/// <summary>
/// S7comm as the pipeline does it: <see cref="S7CommDecoder.TryReadHeader"/> then <see cref="S7CommReader.TryRead"/>
/// (parameter and data structure by function), over the real S7 PDUs (COTP already removed) of
/// s7comm_hmi-read-baseline-15min.pcap; per PDU.
/// </summary>
[MemoryDiagnoser]
public class S7CommDecoderBenchmarks
{
    public const int Pdus = 4096;

    private PduSet _pdus = null!;

    [GlobalSetup]
    public void Setup() =>
        _pdus = PduSet.From(CaptureReplay.CollectPdus("s7comm_hmi-read-baseline-15min.pcap").S7CommPdus, Pdus, "S7comm PDUs");

    [Benchmark(OperationsPerInvoke = Pdus)]
    public long HeaderAndRead()
    {
        long sum = 0;
        var pdus = _pdus;
        for (int i = 0; i < pdus.Count; i++)
        {
            ReadOnlySpan<byte> bytes = pdus[i];
            if (S7CommDecoder.TryReadHeader(bytes, out var header, out _) != DecodeStatus.Ok)
            {
                continue;
            }

            var reader = new S7CommReader(bytes);
            if (reader.TryRead(out var pdu, out _) == DecodeStatus.Ok)
            {
                sum += header.RawRosctr + pdu.Data.Length;
            }
        }

        return sum;
    }
}
