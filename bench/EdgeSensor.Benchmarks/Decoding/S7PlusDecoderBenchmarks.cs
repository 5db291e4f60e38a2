using BenchmarkDotNet.Attributes;
using EdgeSensor.Benchmarks.Captures;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7CommPlus;

namespace EdgeSensor.Benchmarks.Decoding;

/// <summary>
/// <see cref="S7PlusDecoder.TryRead"/> with its per-direction fragment state, over the real S7comm-plus COTP payloads
/// of s7commplus_s7-1200_program-download.pcapng (repeated in order to fill the set); per payload.
/// </summary>
[MemoryDiagnoser]
public class S7PlusDecoderBenchmarks
{
    public const int Payloads = 4096;

    private PduSet _payloads = null!;

    [GlobalSetup]
    public void Setup() =>
        _payloads = PduSet.From(CaptureReplay.CollectPdus("s7commplus_s7-1200_program-download.pcapng").S7PlusPayloads, Payloads, "S7comm-plus payloads");

    [Benchmark(OperationsPerInvoke = Payloads)]
    public long Read()
    {
        long sum = 0;
        var payloads = _payloads;
        var toServer = default(S7PlusFragmentState);
        var toClient = default(S7PlusFragmentState);
        for (int i = 0; i < payloads.Count; i++)
        {
            ref S7PlusFragmentState state = ref payloads.ToServer(i) ? ref toServer : ref toClient;
            if (S7PlusDecoder.TryRead(payloads[i], ref state, out var header, out _) == DecodeStatus.Ok)
            {
                sum += header.Function;
            }
        }

        return sum;
    }
}
