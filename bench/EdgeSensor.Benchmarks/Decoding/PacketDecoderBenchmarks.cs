using BenchmarkDotNet.Attributes;
using EdgeSensor.Benchmarks.Captures;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Benchmarks.Decoding;

/// <summary>
/// <see cref="PacketDecoder.TryDecode"/> (link, VLAN, IPv4/IPv6, TCP/UDP headers) over the frames of
/// mixed_plant1_modbus-s7comm-it-traffic.pcap; per frame.
/// </summary>
[MemoryDiagnoser]
public class PacketDecoderBenchmarks
{
    public const int Frames = 8192;

    private PduSet _frames = null!;
    private LinkType _linkType;

    [GlobalSetup]
    public void Setup() =>
        _frames = PduSet.From(CaptureReplay.CollectFrames("mixed_plant1_modbus-s7comm-it-traffic.pcap", out _linkType), Frames, "frames");

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Decode()
    {
        long sum = 0;
        var frames = _frames;
        var linkType = _linkType;
        for (int i = 0; i < frames.Count; i++)
        {
            if (PacketDecoder.TryDecode(linkType, frames[i], out var info, out _) == DecodeStatus.Ok)
            {
                sum += info.PayloadLength;
            }
        }

        return sum;
    }
}
