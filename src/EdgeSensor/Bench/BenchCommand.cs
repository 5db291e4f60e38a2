using System.Diagnostics;
using System.Globalization;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;

namespace EdgeSensor.Bench;

/// <summary>
/// <c>edge-sensor bench &lt;capture&gt; [--seconds N] [--plant]</c>: loads a capture into memory, warms up, then
/// decodes it over and over for N seconds, and runs the reference (<see cref="BenchWorkload.SumBytes"/>) the same way
/// in the same process. Prints "name value" lines: throughput of both, managed bytes allocated per frame by the
/// measured loops (this thread), and the ratio of the decode's time per frame to the reference's.
/// <c>--plant</c> adds <c>plant.*</c> lines: decode plus plant model in steady state (the model learned the capture
/// first) and the model's memory (<see cref="PlantMemory"/>). <c>--synthetic-plant N</c> replaces the capture with a
/// plant of N devices made in memory (<see cref="SyntheticPlantCapture"/>) and implies <c>--plant</c>.
/// </summary>
public static class BenchCommand
{
    /// <summary>What <c>edge-sensor bench --help</c> prints.</summary>
    public const string Help = """
        usage: edge-sensor bench <capture> [--seconds N] [--plant]
               edge-sensor bench --synthetic-plant DEVICES [--seconds N]

        Loads a capture into memory, warms up, then decodes it over and over for N seconds, and runs a reference loop
        (a sum of every frame's bytes) the same way in the same process, to measure decoding speed and allocations.

        options:
          <capture>                  a pcap or pcapng file
          --seconds N                how long each measurement runs (default 3, at most 3600)
          --plant                    also measure decode + plant model in steady state, and the model's memory per device
          --synthetic-plant DEVICES  instead of a capture, a plant of DEVICES devices (20 to 62500: HMIs, PLCs, IT hosts)
                                     made in memory; implies --plant
          -h, --help                 this help

        output:
          "name value" lines: capture, frames, bytes, seconds, PDUs per protocol; for "decode" and "reference":
          passes, frames, frames_per_second, ns_per_frame, mb_per_second, allocated_bytes, allocated_bytes_per_frame;
          ratio.time_per_frame (decode vs reference). With --plant, plant.* lines: the same measurements for the plant
          model, its devices and relations, and its memory (sizes of entries, bytes per device, fixed tables).

        examples:
          edge-sensor bench ../shared/pcaps/s7comm_hmi-read-baseline-15min.pcap --seconds 5
          edge-sensor bench ../shared/pcaps/mixed_plant1_modbus-s7comm-it-traffic.pcap --plant
          edge-sensor bench --synthetic-plant 5000 --seconds 2

        """;

    public const double DefaultSeconds = 3;

    /// <summary>Longest measurement accepted, per pass kind.</summary>
    public const double MaxSeconds = 3600;

    /// <summary>Warm-up per pass kind, as a share of the measured time (tiered JIT settles, pools fill).</summary>
    private const double WarmupShare = 0.25;

    private const int MinWarmupPasses = 2;

    /// <summary>Passes in a row that allocated nothing, after which the warm-up may end.</summary>
    private const int QuietPasses = 3;

    /// <summary>Longest warm-up while passes still allocate, as a share of the measured time.</summary>
    private const double MaxWarmupShare = 2;

    private const string Name = "edge-sensor bench";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!TryParse(args, out var parsed, out string error))
        {
            stderr.WriteLine($"{Name}: {error} (usage: bench <capture> [--seconds N] [--plant] | bench --synthetic-plant DEVICES [--seconds N])");
            return 2;
        }

        string capture = parsed.Capture;
        double seconds = parsed.Seconds;
        MemoryCaptureSource source;
        try
        {
            if (parsed.SyntheticDevices > 0)
            {
                using var synthetic = SyntheticPlantCapture.Create(parsed.SyntheticDevices);
                capture = synthetic.Description;
                source = MemoryCaptureSource.Load(synthetic);
            }
            else
            {
                source = MemoryCaptureSource.LoadFile(capture);
            }
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
            if (parsed.Plant)
            {
                WritePlant(stdout, source, seconds, decode);
            }

            return 0;
        }
    }

    private static void WritePlant(TextWriter stdout, MemoryCaptureSource source, double seconds, Measurement decode)
    {
        var ci = CultureInfo.InvariantCulture;

        // Steady state: the model learns the capture once, then every measured pass replays it into the same model,
        // with detection listening (as in the sensor).
        var model = new PlantModel(new PlantOptions());
        _ = new Detection.DetectionEngine(model);
        var pipeline = new DecodePipeline(new PipelineOptions(), model, source.LinkType, model);
        BenchWorkload.DecodeAll(pipeline, source);
        var plant = Measure(() => BenchWorkload.DecodeAll(pipeline, source), source, seconds);
        Write(stdout, "plant", plant, source);
        stdout.WriteLine(string.Create(ci, $"plant.ratio.time_per_frame_vs_decode {plant.NanosecondsPerFrame / decode.NanosecondsPerFrame:0.00}"));

        var m = PlantMemory.Measure(source);
        stdout.WriteLine(string.Create(ci, $"plant.devices {m.Devices}"));
        stdout.WriteLine(string.Create(ci, $"plant.relations {m.Relations}"));
        stdout.WriteLine(string.Create(ci, $"plant.ics_relation_details {m.IcsRelationDetails}"));
        stdout.WriteLine(string.Create(ci, $"plant.sizeof.ics_relation_detail {m.IcsRelationDetailSize}"));
        stdout.WriteLine(string.Create(ci, $"plant.connections {m.Connections}"));
        stdout.WriteLine(string.Create(ci, $"plant.profiles {m.Profiles}"));
        stdout.WriteLine(string.Create(ci, $"plant.sizeof.device {m.DeviceSize}"));
        stdout.WriteLine(string.Create(ci, $"plant.sizeof.relation {m.RelationSize}"));
        stdout.WriteLine(string.Create(ci, $"plant.sizeof.connection {m.ConnectionSize}"));
        stdout.WriteLine(string.Create(ci, $"plant.index_entry.device {m.DeviceIndexEntrySize}"));
        stdout.WriteLine(string.Create(ci, $"plant.index_entry.relation {m.RelationIndexEntrySize}"));
        stdout.WriteLine(string.Create(ci, $"plant.index_entry.connection {m.ConnectionIndexEntrySize}"));
        stdout.WriteLine(string.Create(ci, $"plant.structural.bytes_per_device {m.StructuralBytesPerDevice:0.0}"));
        stdout.WriteLine(string.Create(ci, $"plant.structural.relation_bytes_per_device {m.StructuralRelationBytesPerDevice:0.0}"));
        stdout.WriteLine(string.Create(ci, $"plant.measured.bytes_per_device {m.MeasuredBytesPerDevice:0.0}"));
        stdout.WriteLine(string.Create(ci, $"plant.measured.learned_heap_bytes {m.MeasuredLearnedHeapBytes}"));
        stdout.WriteLine(string.Create(ci, $"plant.fixed.device_capacity {m.DefaultDeviceCapacity}"));
        stdout.WriteLine(string.Create(ci, $"plant.fixed.relation_capacity {m.DefaultRelationCapacity}"));
        stdout.WriteLine(string.Create(ci, $"plant.fixed.connection_capacity {m.DefaultConnectionCapacity}"));
        stdout.WriteLine(string.Create(ci, $"plant.fixed.model_bytes {m.FixedModelBytes}"));
        stdout.WriteLine(string.Create(ci, $"plant.fixed.device_table_bytes {m.FixedDeviceTableBytes}"));
        stdout.WriteLine(string.Create(ci, $"plant.fixed.relation_table_bytes {m.FixedRelationTableBytes}"));
        stdout.WriteLine(string.Create(ci, $"plant.fixed.connection_table_bytes {m.FixedConnectionTableBytes}"));
    }

    private static Measurement Measure(Func<long> pass, MemoryCaptureSource source, double seconds)
    {
        // Warm up for a share of the measured time and at least MinWarmupPasses, then on until QuietPasses passes in a
        // row allocated nothing (steady state: tiered JIT settled, pools filled), within MaxWarmupShare of the time.
        // A path that allocates per frame never gets quiet and is measured anyway: the warm-up hides nothing.
        long start0 = Stopwatch.GetTimestamp();
        long warmupEnd = start0 + (long)(seconds * WarmupShare * Stopwatch.Frequency);
        long warmupLimit = start0 + (long)(seconds * MaxWarmupShare * Stopwatch.Frequency);
        int quiet = 0;
        for (int i = 0; i < MinWarmupPasses || Stopwatch.GetTimestamp() < warmupEnd || (quiet < QuietPasses && Stopwatch.GetTimestamp() < warmupLimit); i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            quiet = GC.GetAllocatedBytesForCurrentThread() == before ? quiet + 1 : 0;
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

    private static bool TryParse(IReadOnlyList<string> args, out Options options, out string error)
    {
        string capture = string.Empty;
        double seconds = DefaultSeconds;
        bool plant = false;
        int synthetic = 0;
        options = default;
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
            else if (arg == "--plant")
            {
                plant = true;
            }
            else if (arg == "--synthetic-plant")
            {
                if (i + 1 >= args.Count)
                {
                    error = "--synthetic-plant needs a device count";
                    return false;
                }

                string value = args[++i];
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out synthetic)
                    || synthetic < SyntheticPlantCapture.MinDevices || synthetic > SyntheticPlantCapture.MaxDevices)
                {
                    error = string.Create(CultureInfo.InvariantCulture,
                        $"--synthetic-plant must be a device count from {SyntheticPlantCapture.MinDevices} to {SyntheticPlantCapture.MaxDevices}, got '{value}'");
                    return false;
                }

                plant = true;
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

        if (capture.Length == 0 && synthetic == 0)
        {
            error = "missing capture file";
            return false;
        }

        if (capture.Length > 0 && synthetic > 0)
        {
            error = "give a capture file or --synthetic-plant, not both";
            return false;
        }

        options = new Options(capture, seconds, plant, synthetic);
        return true;
    }

    private readonly record struct Options(string Capture, double Seconds, bool Plant, int SyntheticDevices);

    private readonly record struct Measurement(long Passes, long Frames, double Seconds, long AllocatedBytes)
    {
        public double NanosecondsPerFrame => Seconds * 1e9 / Frames;
    }
}
