using Edge.Contracts.Detection;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Unusual ICS Connectivity: a new ICS relation (new peer), a new Modbus unit id, a new S7 data block, or a read/write
/// outside the address range learned for the relation. 40 (a new peer 50).
/// </summary>
public sealed class IcsConnectivityModel : DetectionModel
{
    public override string Id => "unusual-ics-connectivity";

    public override string Title => "Unusual ICS connectivity";

    public override IReadOnlyList<string> Techniques { get; } = ["T0886", "T0801"];

    public override void OnNewRelation(DetectionContext c, int relation)
    {
        ref var r = ref c.Model.Relations[relation];
        if (!r.IsNew || !Services.Ics.Contains(r.Service))
        {
            return;
        }

        if (!c.TryTouch(this, r.Key.Client, c.Address(r.Key.Server), 50))
        {
            c.Raise(this, r.Key.Client, c.Address(r.Key.Server), 50,
            new EvidenceItem("new relation", $"{Services.Name(r.Service)} to {c.Address(r.Key.Server)} port {r.Key.ServerPort}"));
        }
    }

    public override void OnIcsRequest(DetectionContext c, in IcsEvent request)
    {
        if (!request.IsNew || request.Kind is not (IcsEventKind.UnitId or IcsEventKind.DataBlock or IcsEventKind.ReadRange or IcsEventKind.WriteRange))
        {
            return;
        }

        ref var r = ref c.Model.Relations[request.Relation];
        if (r.IsNew)
        {
            return;   // the whole relation is new: already said
        }

        if (!c.TryTouch(this, r.Key.Client, c.Address(r.Key.Server), 40))
        {
            c.Raise(this, r.Key.Client, c.Address(r.Key.Server), 40, new EvidenceItem("outside the baseline", DiscoverCommandsModel.Describe(in request)));
        }
    }
}
