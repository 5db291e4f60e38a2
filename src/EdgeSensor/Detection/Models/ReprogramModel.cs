using Edge.Contracts.Detection;
using EdgeSensor.Plant;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Uncommon ICS Reprogram (T0843 Program Download, T0845 Program Upload, T0889 Modify Program): S7 download, upload,
/// PI services, S7comm-plus program sequences, Modbus 90 (UMAS) / 125 / 126 over a relation that never did them in
/// the baseline. 80.
/// </summary>
public sealed class ReprogramModel : DetectionModel
{
    public override string Id => "uncommon-ics-reprogram";

    public override string Title => "Uncommon ICS reprogram";

    public override IReadOnlyList<string> Techniques { get; } = ["T0843", "T0845", "T0889"];

    public override void OnIcsRequest(DetectionContext c, in IcsEvent request)
    {
        if (!request.IsNew || request.Kind != IcsEventKind.Function || request.Category != IcsCategory.Program)
        {
            return;
        }

        ref var r = ref c.Model.Relations[request.Relation];
        if (!c.TryTouch(this, r.Key.Client, c.Address(r.Key.Server), 80))
        {
            c.Raise(this, r.Key.Client, c.Address(r.Key.Server), 80, new EvidenceItem("command", DiscoverCommandsModel.Describe(in request)));
        }
    }
}
