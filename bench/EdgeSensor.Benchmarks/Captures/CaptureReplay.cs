using EdgeSensor.Capture;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Benchmarks.Captures;

/// <summary>Setup only: runs a shared capture through the real pipeline and keeps copies of what it saw.</summary>
public static class CaptureReplay
{
    /// <summary>Every PDU the pipeline hands to its sink, in capture order.</summary>
    public static CollectingPduSink CollectPdus(string captureFile)
    {
        using var source = MemoryCaptureSource.LoadFile(SharedCaptures.Path(captureFile));
        var sink = new CollectingPduSink();
        var pipeline = new DecodePipeline(new PipelineOptions(), sink, source.LinkType);
        pipeline.Run(source);
        pipeline.Complete();
        return sink;
    }

    /// <summary>Every frame of the capture (direction unknown at this layer: false).</summary>
    public static List<(byte[] Bytes, bool ToServer)> CollectFrames(string captureFile, out LinkType linkType)
    {
        using var source = MemoryCaptureSource.LoadFile(SharedCaptures.Path(captureFile));
        linkType = source.LinkType;
        var frames = new List<(byte[] Bytes, bool ToServer)>(source.FrameCount);
        while (source.TryReadNext(out var frame) == CaptureReadStatus.Frame)
        {
            frames.Add((frame.Data.ToArray(), false));
        }

        return frames;
    }
}
