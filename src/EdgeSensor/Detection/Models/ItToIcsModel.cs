using Edge.Contracts.Detection;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Anomalous IT to ICS Connection (T0886): a relation the baseline never saw, from an IT device (configured IT zone,
/// or no ICS use when learning ended) to an OT device. 60, +10 on an ICS port, +10 when the target is a controller.
/// </summary>
public sealed class ItToIcsModel : DetectionModel
{
    public override string Id => "it-to-ics-connection";

    public override string Title => "Anomalous IT to ICS connection";

    public override IReadOnlyList<string> Techniques { get; } = ["T0886"];

    public override void OnNewRelation(DetectionContext c, int relation)
    {
        ref var r = ref c.Model.Relations[relation];
        if (!r.IsNew || !c.IsIt(r.Key.Client) || !c.IsOt(r.Key.Server))
        {
            return;
        }

        bool ics = Services.Ics.Contains(r.Service);
        bool controller = Services.Ics.Any(c.Model.Devices[r.Key.Server].Served);
        if (!c.TryTouch(this, r.Key.Client, c.Address(r.Key.Server), 60 + (ics ? 10 : 0) + (controller ? 10 : 0)))
        {
            c.Raise(this, r.Key.Client, c.Address(r.Key.Server), 60 + (ics ? 10 : 0) + (controller ? 10 : 0),
            new EvidenceItem("service", $"{Services.Name(r.Service)} on port {r.Key.ServerPort}"),
            new EvidenceItem("target", controller ? "a controller (answers an ICS protocol)" : "an OT device"));
        }
    }
}
