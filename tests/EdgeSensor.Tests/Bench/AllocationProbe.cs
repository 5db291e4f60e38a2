using System.Globalization;
using EdgeSensor.Bench;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Tests.Bench;

/// <summary>
/// Says what allocated when an allocation test fails: decodes the capture (warmed up as the bench does), then once
/// more frame by frame, reading this thread's allocated bytes around each frame, and names the frames that
/// allocated with their size, so the failing frame can be opened with <c>edge-sensor dissect</c> or tshark.
/// </summary>
public static class AllocationProbe
{
    public static string Describe(string capturePath, int warmupPasses = 5, int maxFrames = 10)
    {
        using var source = MemoryCaptureSource.LoadFile(capturePath);
        var pipeline = new DecodePipeline(new PipelineOptions(), new CountingPduSink(), source.LinkType);
        for (int i = 0; i < warmupPasses; i++)
        {
            BenchWorkload.DecodeAll(pipeline, source);
        }

        var frames = new List<(long Frame, long Bytes)>();
        long total = 0;
        pipeline.Reset();
        source.Rewind();
        long number = 0;
        while (source.TryReadNext(out var frame) == CaptureReadStatus.Frame)
        {
            number++;
            long before = GC.GetAllocatedBytesForCurrentThread();
            pipeline.ProcessFrame(frame.Data, frame.TimestampMicroseconds);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (bytes != 0)
            {
                total += bytes;
                frames.Add((number, bytes));
            }
        }

        long beforeComplete = GC.GetAllocatedBytesForCurrentThread();
        pipeline.Complete();
        long complete = GC.GetAllocatedBytesForCurrentThread() - beforeComplete;
        if (frames.Count == 0 && complete == 0)
        {
            return "a frame-by-frame pass after warm-up allocated nothing (the allocation was not per frame: runtime or test noise)";
        }

        string list = string.Join(", ", frames.Take(maxFrames).Select(f => string.Create(CultureInfo.InvariantCulture, $"frame {f.Frame}: {f.Bytes} B")));
        return string.Create(CultureInfo.InvariantCulture,
            $"frame by frame after warm-up: {frames.Count} frames allocated {total} B ({list}{(frames.Count > maxFrames ? ", ..." : string.Empty)}); ending the flows allocated {complete} B");
    }
}
