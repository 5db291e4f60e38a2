using Edge.Contracts.Detection;
using EdgeSensor.Analyze;
using EdgeSensor.Detection;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Zones;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Detection;

/// <summary>Learn on some captures, detect on others, through the real pipeline, plant model and detection engine.</summary>
public sealed class DetectionRun
{
    private DetectionRun(PlantModel model, DetectionEngine engine)
    {
        Model = model;
        Engine = engine;
    }

    public PlantModel Model { get; }

    public DetectionEngine Engine { get; }

    public IReadOnlyList<AnomalyRecord> Anomalies => Engine.Incidents.Anomalies();

    public IReadOnlyList<BreachSummaryRecord> Incidents
    {
        get
        {
            Engine.Settle();
            return Engine.Incidents.Incidents();
        }
    }

    /// <summary>
    /// Learns on <paramref name="learn"/> (then learning ends), detects on <paramref name="detect"/>. With no learning
    /// captures and <paramref name="learningSeconds"/> null, there is no baseline at all (learning 0 s).
    /// </summary>
    public static DetectionRun Of(string[] learn, string[] detect, DetectionOptions? options = null, string? zonesJson = null, double? learningSeconds = null)
    {
        var plantOptions = new PlantOptions
        {
            Zones = zonesJson is null ? ZoneMap.Empty : ZoneMap.Parse(zonesJson),
            LearningPeriod = learn.Length > 0 ? null : TimeSpan.FromSeconds(learningSeconds ?? 0),
        };
        var model = new PlantModel(plantOptions);
        var engine = new DetectionEngine(model, options);
        foreach (string c in learn)
        {
            AnalyzeCommand.Feed(model, SharedData.Pcap(c));
        }

        if (learn.Length > 0)
        {
            model.EndLearning();
        }

        foreach (string c in detect)
        {
            AnalyzeCommand.Feed(model, SharedData.Pcap(c));
        }

        return new DetectionRun(model, engine);
    }

    public AnomalyRecord Single(string model, string device) =>
        Anomalies.Where(a => a.Model == model && a.Device == device).OrderByDescending(a => a.Score).First();

    public bool Fired(string model) => Anomalies.Any(a => a.Model == model);
}
