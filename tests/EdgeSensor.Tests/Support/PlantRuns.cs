using Edge.Contracts.Assets;
using EdgeSensor.Analyze;
using EdgeSensor.Plant;

namespace EdgeSensor.Tests.Support;

/// <summary>Runs shared captures through the real pipeline into a plant model.</summary>
public static class PlantRuns
{
    public static PlantModel Learn(PlantOptions? options = null, params string[] captures)
    {
        var model = new PlantModel(options ?? new PlantOptions());
        foreach (string c in captures)
        {
            AnalyzeCommand.Feed(model, SharedData.Pcap(c));
        }

        return model;
    }

    public static Dictionary<string, AssetRecord> Assets(PlantModel model) =>
        AssetReporter.Snapshot(model).ToDictionary(a => a.AssetId);
}
