using Edge.Contracts.Detection;
using EdgeSensor.Plant;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Multiple New Action Commands (T0855 Unauthorized Command Message, T0836 Modify Parameter, T0858 Change Operating
/// Mode): writes, PLC stop/start, clock set, password, programmer commands over a relation that never sent them in the
/// baseline. Write 55, control 75.
/// </summary>
public sealed class ActionCommandsModel : DetectionModel
{
    public override string Id => "new-action-commands";

    public override string Title => "New action commands to a controller";

    public override IReadOnlyList<string> Techniques { get; } = ["T0855", "T0836", "T0858"];

    public override void OnIcsRequest(DetectionContext c, in IcsEvent request)
    {
        if (!request.IsNew || request.Kind != IcsEventKind.Function || request.Category is not (IcsCategory.Write or IcsCategory.Control))
        {
            return;
        }

        ref var r = ref c.Model.Relations[request.Relation];
        if (!c.TryTouch(this, r.Key.Client, c.Address(r.Key.Server), request.Category == IcsCategory.Control ? 75 : 55))
        {
            c.Raise(this, r.Key.Client, c.Address(r.Key.Server), request.Category == IcsCategory.Control ? 75 : 55,
            new EvidenceItem("command", DiscoverCommandsModel.Describe(in request)),
            new EvidenceItem("kind", request.Category == IcsCategory.Control ? "changes the controller's state" : "writes process values"));
        }
    }
}
