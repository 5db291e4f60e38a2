using BenchmarkDotNet.Attributes;
using EdgeSensor.Bench;
using EdgeSensor.Benchmarks.Captures;
using EdgeSensor.Capture;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Pipeline;
using PacketDotNet;

namespace EdgeSensor.Benchmarks.Pipeline;

/// <summary>
/// One real capture, held in memory, decoded whole per benchmark operation; results are per frame
/// (each derived class sets <c>OperationsPerInvoke</c> to its capture's frame count, checked at setup, because
/// BenchmarkDotNet only takes a constant there). Three passes over the same frames in the same run:
/// <list type="bullet">
/// <item><c>PacketDotNet</c> (baseline): <c>Packet.ParsePacket</c> on each frame's <c>byte[]</c> and
/// <c>Extract&lt;TcpPacket&gt;()</c>, what a typical C# sensor does; the byte[] per frame is made at setup, not measured.</item>
/// <item><c>ByteSum</c>: reads every byte of every frame and nothing else (<see cref="BenchWorkload.SumBytes"/>).</item>
/// <item><c>EdgeDecode</c>: the whole decode path (<see cref="BenchWorkload.DecodeAll"/>): reset, every frame through
/// <see cref="DecodePipeline.ProcessFrame"/> into a <see cref="CountingPduSink"/>, end of flows. One pipeline, made at setup.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public abstract class DecodePipelineBenchmarks
{
    private readonly string _captureFile;
    private readonly int _expectedFrames;
    private MemoryCaptureSource? _source;
    private DecodePipeline? _pipeline;
    private byte[][] _frames = [];
    private LinkLayers _linkLayer;

    protected DecodePipelineBenchmarks(string captureFile, int expectedFrames)
    {
        _captureFile = captureFile;
        _expectedFrames = expectedFrames;
    }

    [GlobalSetup]
    public void Setup()
    {
        _source = MemoryCaptureSource.LoadFile(SharedCaptures.Path(_captureFile));
        if (_source.FrameCount != _expectedFrames)
        {
            throw new InvalidOperationException(
                $"{_captureFile} has {_source.FrameCount} frames, the benchmark's OperationsPerInvoke says {_expectedFrames}: update the constant");
        }

        _linkLayer = _source.LinkType switch
        {
            LinkType.Ethernet => LinkLayers.Ethernet,
            LinkType.Raw => LinkLayers.Raw,
            LinkType.LinuxSll => LinkLayers.LinuxSll,
            LinkType.Null => LinkLayers.Null,
            _ => throw new NotSupportedException($"no PacketDotNet link layer for {_source.LinkType}"),
        };

        _frames = new byte[_source.FrameCount][];
        _source.Rewind();
        for (int i = 0; _source.TryReadNext(out var frame) == CaptureReadStatus.Frame; i++)
        {
            _frames[i] = frame.Data.ToArray();
        }

        _pipeline = new DecodePipeline(new PipelineOptions(), new CountingPduSink(), _source.LinkType);

        // Fill the pipeline's buffer pool once, as a running sensor would have.
        BenchWorkload.DecodeAll(_pipeline, _source);
    }

    [GlobalCleanup]
    public void Cleanup() => _source?.Dispose();

    protected long DecodeAll() => BenchWorkload.DecodeAll(_pipeline!, _source!);

    protected long SumBytes() => BenchWorkload.SumBytes(_source!);

    protected long ParseWithPacketDotNet()
    {
        long sum = 0;
        var linkLayer = _linkLayer;
        foreach (byte[] frame in _frames)
        {
            var packet = Packet.ParsePacket(linkLayer, frame);
            var tcp = packet.Extract<TcpPacket>();
            if (tcp is not null)
            {
                sum += tcp.DestinationPort;
            }
        }

        return sum;
    }
}
