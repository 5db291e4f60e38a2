using System.Diagnostics;
using System.Globalization;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Bench;

/// <summary>
/// <c>edge-sensor bench &lt;capture&gt; [--seconds N]</c>: loads a capture into memory, warms up, then decodes it over
/// and over for N seconds, and runs the reference (<see cref="BenchWorkload.SumBytes"/>) the same way in the same
/// process. Prints "name value" lines: throughput of both, managed bytes allocated per frame by the measured loops
/// (this thread), and the ratio of the decode's time per frame to the reference's.
/// </summary>
public static class BenchCommand
{
    public const double DefaultSeconds = 3;

    /// <summary>Longest measurement accepted, per pass kind.</summary>
    public const double MaxSeconds = 3600;

    /// <summary>Warm-up per pass kind, as a share of the measured time (tiered JIT settles, pools fill).</summary>
    private const double WarmupShare = 0.25;

    private const int MinWarmupPasses = 2;

    private const string Name = "edge-sensor bench";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!TryParse(args, out string capture, out double seconds, out string error))
        {
            stderr.WriteLine($"{Name}: {error} (usage: bench <capture> [--seconds N])");
            return 2;
        }

        MemoryCaptureSource source;
        try
        {
            source = MemoryCaptureSource.LoadFile(capture);
        }
        catch (CaptureOpenException e)
        {
            stderr.WriteLine($"{Name}: {e.Message}");
            return 1;
        }

        using (source)
        {
            if (source.FrameCount == 0)
            {
                stderr.WriteLine($"{Name}: no frames in {capture}");
                return 1;
            }

            var sink = new CountingPduSink();
            var pipeline = new DecodePipeline(new PipelineOptions(), sink, source.LinkType);
            var decode = Measure(() => BenchWorkload.DecodeAll(pipeline, source), source, seconds);
            var reference = Measure(() => BenchWorkload.SumBytes(source), source, seconds);

            var ci = CultureInfo.InvariantCulture;
            stdout.WriteLine($"capture {Path.GetFileName(capture)}");
            stdout.WriteLine(string.Create(ci, $"frames {source.FrameCount}"));
            stdout.WriteLine(string.Create(ci, $"bytes {source.ByteCount}"));
            stdout.WriteLine(string.Create(ci, $"seconds {seconds:0.###}"));
            stdout.WriteLine(string.Create(ci, $"pdus.modbus {pipeline.Counters.ModbusPdus}"));
            stdout.WriteLine(string.Create(ci, $"pdus.s7comm {pipeline.Counters.S7CommPdus}"));
            stdout.WriteLine(string.Create(ci, $"pdus.s7commplus {pipeline.Counters.S7PlusPdus}"));
            Write(stdout, "decode", decode, source);
            Write(stdout, "reference", reference, source);
            stdout.WriteLine(string.Create(ci, $"ratio.time_per_frame {decode.NanosecondsPerFrame / reference.NanosecondsPerFrame:0.00}"));
            return 0;
        }
    }

    private static Measurement Measure(Func<long> pass, MemoryCaptureSource source, double seconds)
    {
        long warmupEnd = Stopwatch.GetTimestamp() + (long)(seconds * WarmupShare * Stopwatch.Frequency);
        for (int i = 0; i < MinWarmupPasses || Stopwatch.GetTimestamp() < warmupEnd; i++)
        {
            pass();
        }

        // Only the loop below is measured: no allocation of ours between the two allocation readings.
        long budget = (long)(seconds * Stopwatch.Frequency);
        long passes = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        long elapsed;
        do
        {
            pass();
            passes++;
            elapsed = Stopwatch.GetTimestamp() - start;
        }
        while (elapsed < budget);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return new Measurement(passes, passes * source.FrameCount, (double)elapsed / Stopwatch.Frequency, allocated);
    }

    private static void Write(TextWriter stdout, string name, Measurement m, MemoryCaptureSource source)
    {
        var ci = CultureInfo.InvariantCulture;
        double megabytes = (double)m.Passes * source.ByteCount / 1e6;
        stdout.WriteLine(string.Create(ci, $"{name}.passes {m.Passes}"));
        stdout.WriteLine(string.Create(ci, $"{name}.frames {m.Frames}"));
        stdout.WriteLine(string.Create(ci, $"{name}.frames_per_second {m.Frames / m.Seconds:0}"));
        stdout.WriteLine(string.Create(ci, $"{name}.ns_per_frame {m.NanosecondsPerFrame:0.0}"));
        stdout.WriteLine(string.Create(ci, $"{name}.mb_per_second {megabytes / m.Seconds:0.0}"));
        stdout.WriteLine(string.Create(ci, $"{name}.allocated_bytes {m.AllocatedBytes}"));
        stdout.WriteLine(string.Create(ci, $"{name}.allocated_bytes_per_frame {(double)m.AllocatedBytes / m.Frames:0.###}"));
    }

    private static bool TryParse(IReadOnlyList<string> args, out string capture, out double seconds, out string error)
    {
        capture = string.Empty;
        seconds = DefaultSeconds;
        error = string.Empty;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--seconds")
            {
                if (i + 1 >= args.Count)
                {
                    error = "--seconds needs a value";
                    return false;
                }

                string value = args[++i];
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
                    || !(seconds > 0 && seconds <= MaxSeconds))
                {
                    error = $"--seconds must be a number above 0 and at most {MaxSeconds.ToString(CultureInfo.InvariantCulture)}, got '{value}'";
                    return false;
                }
            }
            else if (arg.StartsWith('-'))
            {
                error = $"unknown option '{arg}'";
                return false;
            }
            else if (capture.Length == 0)
            {
                capture = arg;
            }
            else
            {
                error = $"more than one capture given ('{capture}', '{arg}')";
                return false;
            }
        }

        if (capture.Length == 0)
        {
            error = "missing capture file";
            return false;
        }

        return true;
    }

    private readonly record struct Measurement(long Passes, long Frames, double Seconds, long AllocatedBytes)
    {
        public double NanosecondsPerFrame => Seconds * 1e9 / Frames;
    }
}
