using System.Text.Json;
using Edge.Contracts.Serialization;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Persistence;
using EdgeSensor.Plant.Zones;

namespace EdgeSensor.Analyze;

/// <summary>
/// <c>edge-sensor analyze &lt;capture&gt;... [--learn &lt;capture&gt;]... [--learning-seconds N] [--zones FILE] [--state FILE] --json</c>:
/// runs captures through the pipeline and the plant model and prints JSON Lines, one record per asset. Captures given
/// with --learn are the learning period; without them, --learning-seconds (capture time) ends learning, and without
/// either the whole run is learning. With --state the model is loaded from (and saved back to) a state file.
/// </summary>
public static class AnalyzeCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var captures = new List<string>();
        var learn = new List<string>();
        string? zonesFile = null;
        string? stateFile = null;
        bool json = false;
        double? learningSeconds = null;
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

        if (captures.Count == 0 && learn.Count == 0)
        {
            return Fail(stderr, "missing capture file (usage: analyze <capture>... [--learn <capture>]... [--zones FILE] [--state FILE] --json)");
        }

        if (!json)
        {
            return Fail(stderr, "only --json output exists so far: add --json");
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
        if (stateFile is not null)
        {
            var load = PlantStateStore.Load(stateFile, model);
            if (load.Outcome == StateLoadOutcome.Corrupt)
            {
                stderr.WriteLine($"edge-sensor analyze: state file {stateFile} is corrupt ({load.Reason}); kept aside as {load.MovedTo}; learning afresh");
            }
        }

        try
        {
            foreach (string capture in learn)
            {
                Feed(model, capture);
            }

            if (learn.Count > 0)
            {
                model.EndLearning();
            }

            foreach (string capture in captures)
            {
                Feed(model, capture);
            }
        }
        catch (CaptureOpenException e)
        {
            return Fail(stderr, e.Message, 1);
        }

        foreach (var asset in AssetReporter.Snapshot(model))
        {
            stdout.Write(JsonSerializer.Serialize(asset, EdgeJsonContext.Default.AssetRecord));
            stdout.Write('\n');
        }

        if (stateFile is not null)
        {
            PlantStateStore.Save(stateFile, model);
        }

        return 0;
    }

    /// <summary>Runs one capture file through the pipeline into the model.</summary>
    public static void Feed(PlantModel model, string capture)
    {
        using var source = PcapSource.OpenFile(capture);
        var pipeline = new DecodePipeline(new PipelineOptions(), model, source.LinkType, model);
        pipeline.Run(source);
        pipeline.Complete();
    }

    private static int Fail(TextWriter stderr, string message, int code = 2)
    {
        stderr.WriteLine($"edge-sensor analyze: {message}");
        return code;
    }
}
