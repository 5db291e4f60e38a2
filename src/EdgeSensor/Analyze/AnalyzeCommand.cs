using System.Text.Json;
using Edge.Contracts.Serialization;
using EdgeSensor.Capture;
using EdgeSensor.Detection;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Persistence;
using EdgeSensor.Plant.Zones;

namespace EdgeSensor.Analyze;

/// <summary>
/// <c>edge-sensor analyze &lt;capture&gt;... [--learn &lt;capture&gt;]... [--learning-seconds N] [--zones FILE] [--state FILE] [--json]</c>:
/// runs captures through the pipeline, the plant model and detection, and prints the assets, then the anomalies, then
/// the incidents (each one's latest version): as tables (<see cref="AnalyzeText"/>) by default, or with --json as JSON
/// Lines, one record per line (types "asset", "anomaly", "incident"). Captures given with --learn are the learning
/// period; without them, --learning-seconds (capture time) ends learning, and without either the whole run is learning.
/// With --state the model is loaded from (and saved back to) a state file.
/// With <c>--interface IFACE [--bpf FILTER] [--duration S] [--save-every S]</c> it captures live instead, saving the
/// state every --save-every seconds (default 300) and on Ctrl+C or SIGTERM, then prints the same report.
/// </summary>
public static class AnalyzeCommand
{
    /// <summary>What <c>edge-sensor analyze --help</c> prints.</summary>
    public const string Help = """
        usage: edge-sensor analyze <capture>... [--learn <capture>]... [--learning-seconds N] [--zones FILE] [--state FILE] [--json]
               edge-sensor analyze --interface IFACE [--bpf FILTER] [--duration S] [--save-every S] [--zones FILE] [--state FILE] [--json]

        Runs captures (or a live interface) through the decoders, the plant model and detection, then prints the
        assets it found, then the anomalies, then the incidents.

        options:
          <capture>               a pcap or pcapng file; several are read in order, as one run
          --learn <capture>       a capture of normal operation, read first as the learning period (repeatable); devices,
                                  relations and behaviour first seen after it are new, and detection compares against it
          --learning-seconds N    without --learn: learning ends N seconds (capture time) after the first packet;
                                  without either, the whole run is learning
          --zones FILE            zones configuration (JSON: name, Purdue level, subnets); without it, zones are inferred
          --state FILE            load the plant model from FILE first and save it back at the end (atomically), so
                                  learning carries over from one run to the next; a corrupt file is kept aside
          --interface IFACE       capture live on IFACE (passively; needs CAP_NET_RAW) until --duration, Ctrl+C or SIGTERM:
                                  inbound frames only on a tap (no address); with a warning and both directions on
                                  an interface that has an address (see TAP.md)
          --bpf FILTER            with --interface: a BPF capture filter, e.g. "tcp port 102 or tcp port 502"
          --duration S            with --interface: stop after S seconds
          --save-every S          with --interface and --state: save the state every S seconds (default 300)
          --json                  print JSON Lines instead of tables
          -h, --help              this help

        output:
          By default, for people: a line with what was analyzed (captures, frames) and one with how learning was set;
          the assets (address, new, MAC vendor, role with confidence, zone, identity read from the device: vendor,
          model, order number, firmware, state; name, packets in/out, peers); the anomalies (time UTC, device, score,
          what happened and its evidence); the incidents (score, device, state, first and last seen, title, the models
          involved); the counts. Text read from packets is escaped (\xNN) and long values are cut.
          With --json: one JSON object per line: "asset" records, then "anomaly" records, then "incident" records
          (latest version), the records the sensor publishes to the collector (src/Edge.Contracts).

        examples:
          edge-sensor analyze ../shared/pcaps/mixed_plant1_modbus-s7comm-it-traffic.pcap
          edge-sensor analyze --learn baseline.pcap suspect.pcap
          edge-sensor analyze plant.pcap --learning-seconds 600 --zones zones.json --json > plant.jsonl
          edge-sensor analyze --interface eth1 --state plant.state --duration 3600

        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var captures = new List<string>();
        var learn = new List<string>();
        string? zonesFile = null;
        string? stateFile = null;
        bool json = false;
        double? learningSeconds = null;
        string? iface = null;
        string? bpf = null;
        double duration = 0;
        double saveEvery = 300;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            bool hasValue = i + 1 < args.Count;
            switch (a)
            {
                case "--json":
                    json = true;
                    break;
                case "--learn" when hasValue:
                    learn.Add(args[++i]);
                    break;
                case "--zones" when hasValue:
                    zonesFile = args[++i];
                    break;
                case "--state" when hasValue:
                    stateFile = args[++i];
                    break;
                case "--interface" when hasValue:
                    iface = args[++i];
                    break;
                case "--bpf" when hasValue:
                    bpf = args[++i];
                    break;
                case "--duration" when hasValue:
                    if (!TryPositive(args[++i], out duration))
                    {
                        return Fail(stderr, $"bad --duration '{args[i]}' (seconds, greater than 0)");
                    }

                    break;
                case "--save-every" when hasValue:
                    if (!TryPositive(args[++i], out saveEvery))
                    {
                        return Fail(stderr, $"bad --save-every '{args[i]}' (seconds, greater than 0)");
                    }

                    break;
                case "--learning-seconds" when hasValue:
                    if (!double.TryParse(args[++i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s) || s < 0)
                    {
                        return Fail(stderr, $"bad --learning-seconds '{args[i]}'");
                    }

                    learningSeconds = s;
                    break;
                default:
                    if (a.StartsWith('-'))
                    {
                        return Fail(stderr, $"unknown or incomplete option '{a}'");
                    }

                    captures.Add(a);
                    break;
            }
        }

        if (captures.Count == 0 && learn.Count == 0 && iface is null)
        {
            return Fail(stderr, "missing capture file (usage: analyze <capture>... [--learn <capture>]... [--zones FILE] [--state FILE] [--json])");
        }

        var options = new PlantOptions();
        try
        {
            if (zonesFile is not null)
            {
                options.Zones = ZoneMap.Load(zonesFile);
            }
        }
        catch (ZoneConfigException e)
        {
            return Fail(stderr, e.Message);
        }

        if (learningSeconds is { } ls)
        {
            options.LearningPeriod = TimeSpan.FromSeconds(ls);
        }

        var model = new PlantModel(options);
        var detectionOptions = new DetectionOptions();
        if (learningSeconds is > 0)
        {
            // A learning period asked for explicitly is the baseline, however short (tests and demos learn in seconds).
            detectionOptions.MinimumBaseline = TimeSpan.FromSeconds(Math.Min(learningSeconds.Value, detectionOptions.MinimumBaseline.TotalSeconds));
        }

        var detection = new DetectionEngine(model, detectionOptions);
        bool stateLoaded = false;
        if (stateFile is not null)
        {
            var load = PlantStateStore.Load(stateFile, model);
            stateLoaded = load.Outcome == StateLoadOutcome.Loaded;
            if (load.Outcome == StateLoadOutcome.Corrupt)
            {
                stderr.WriteLine($"edge-sensor analyze: state file {stateFile} is corrupt ({load.Reason}); kept aside as {load.MovedTo}; learning afresh");
            }
        }

        long learnFrames = 0;
        long frames = 0;
        try
        {
            foreach (string capture in learn)
            {
                learnFrames += Feed(model, capture);
            }

            if (learn.Count > 0)
            {
                model.EndLearning();
            }

            foreach (string capture in captures)
            {
                frames += Feed(model, capture);
            }

            if (iface is not null)
            {
                frames += RunLive(model, iface, bpf, duration, saveEvery, stateFile, stderr);
            }
        }
        catch (CaptureOpenException e)
        {
            return Fail(stderr, e.Message, 1);
        }

        // Assets first: the snapshot settles the model, then detection settles on it.
        var assets = AssetReporter.Snapshot(model);
        detection.Settle();
        var result = new AnalyzeResult
        {
            Captures = captures,
            Frames = frames,
            LearnCaptures = learn,
            LearnFrames = learnFrames,
            LearningSeconds = learningSeconds,
            Interface = iface,
            StateFile = stateFile,
            StateLoaded = stateLoaded,
            LearningEnded = model.IsLearning ? null : AssetReporter.Time(model.LearningEnded),
            Assets = assets,
            Anomalies = detection.Incidents.Anomalies().ToList(),
            Incidents = detection.Incidents.Incidents().ToList(),
        };
        if (json)
        {
            WriteJson(stdout, result);
        }
        else
        {
            AnalyzeText.Write(stdout, result);
        }

        if (stateFile is not null)
        {
            PlantStateStore.Save(stateFile, model);
        }

        return 0;
    }

    /// <summary>JSON Lines: every asset, then every anomaly, then every incident (the records the uplink publishes).</summary>
    private static void WriteJson(TextWriter stdout, AnalyzeResult result)
    {
        foreach (var asset in result.Assets)
        {
            stdout.Write(JsonSerializer.Serialize(asset, EdgeJsonContext.Default.AssetRecord));
            stdout.Write('\n');
        }

        foreach (var anomaly in result.Anomalies)
        {
            stdout.Write(JsonSerializer.Serialize(anomaly, EdgeJsonContext.Default.AnomalyRecord));
            stdout.Write('\n');
        }

        foreach (var incident in result.Incidents)
        {
            stdout.Write(JsonSerializer.Serialize(incident, EdgeJsonContext.Default.BreachSummaryRecord));
            stdout.Write('\n');
        }
    }

    /// <summary>
    /// Captures live into the model until the duration ends or Ctrl+C / SIGTERM; saves the state at intervals (on the
    /// capture thread between reads: a save takes milliseconds for thousands of devices) and at the end. Returns the
    /// frames read.
    /// </summary>
    private static long RunLive(PlantModel model, string iface, string? bpf, double duration, double saveEvery, string? stateFile, TextWriter stderr)
    {
        var addresses = TapInterface.Addresses(iface);
        if (addresses is { Count: > 0 })
        {
            stderr.WriteLine($"edge-sensor analyze: warning: {TapInterface.Describe(iface, addresses)}; {TapInterface.Hint}; capturing in both directions");
        }

        using var source = PcapSource.OpenLive(iface, bpf, TapInterface.DirectionFor(addresses));
        using var stop = new CancellationTokenSource();
        if (duration > 0)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(duration));
        }

        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        stderr.WriteLine($"edge-sensor analyze: capturing on {iface} ({TapInterface.Text(source.Direction)}{(source.DirectionNote is { } note ? $"; {note}" : string.Empty)})");
        stderr.Flush();
        var pipeline = new DecodePipeline(new PipelineOptions(), model, source.LinkType, model);
        var sinceSave = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var status = source.TryReadNext(out var frame);
                if (status == CaptureReadStatus.Frame)
                {
                    pipeline.ProcessFrame(frame.Data, frame.TimestampMicroseconds);
                }
                else if (status == CaptureReadStatus.Error)
                {
                    throw new CaptureOpenException($"capture error on {iface}: {source.LastError}");
                }

                if (stateFile is not null && sinceSave.Elapsed.TotalSeconds >= saveEvery)
                {
                    PlantStateStore.Save(stateFile, model);
                    sinceSave.Restart();
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            pipeline.Complete();
        }

        return pipeline.Counters.Frames;
    }

    private static bool TryPositive(string text, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value) && value > 0 && value < 365 * 86400;

    /// <summary>Runs one capture file through the pipeline into the model; returns the frames read.</summary>
    public static long Feed(PlantModel model, string capture)
    {
        using var source = PcapSource.OpenFile(capture);
        var pipeline = new DecodePipeline(new PipelineOptions(), model, source.LinkType, model);
        pipeline.Run(source);
        pipeline.Complete();
        return pipeline.Counters.Frames;
    }

    private static int Fail(TextWriter stderr, string message, int code = 2)
    {
        stderr.WriteLine($"edge-sensor analyze: {message}");
        return code;
    }
}
