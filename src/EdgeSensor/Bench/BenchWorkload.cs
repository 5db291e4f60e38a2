using EdgeSensor.Capture;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Bench;

/// <summary>
/// The passes measured by <c>edge-sensor bench</c> and by the benchmark project, over a capture held in memory.
/// Both read frames through the same <see cref="MemoryCaptureSource"/>, so the reference differs from the decode pass
/// only in what is done with each frame's bytes.
/// </summary>
public static class BenchWorkload
{
    /// <summary>
    /// Decodes every frame of <paramref name="source"/> as a new sensor would: the pipeline is reset (no flow, zero
    /// counters), every frame goes through <see cref="DecodePipeline.ProcessFrame"/>, then every flow is ended.
    /// Allocates nothing once the pipeline's pools are warm. Returns the number of frames decoded.
    /// </summary>
    public static long DecodeAll(DecodePipeline pipeline, MemoryCaptureSource source)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(source);
        pipeline.Reset();
        source.Rewind();
        while (source.TryReadNext(out var frame) == CaptureReadStatus.Frame)
        {
            pipeline.ProcessFrame(frame.Data, frame.TimestampMicroseconds);
        }

        pipeline.Complete();
        return pipeline.Counters.Frames;
    }

    /// <summary>
    /// The cheap reference: reads every byte of every frame (a plain scalar sum) and nothing else. Returns the sum,
    /// so the reads cannot be optimised away.
    /// </summary>
    public static long SumBytes(MemoryCaptureSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Rewind();
        long sum = 0;
        while (source.TryReadNext(out var frame) == CaptureReadStatus.Frame)
        {
            foreach (byte b in frame.Data)
            {
                sum += b;
            }
        }

        return sum;
    }
}
