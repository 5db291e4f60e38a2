using System.Globalization;
using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Failed connections to external hosts on ICS ports (T0846), needs no baseline: nothing inside a plant should try
/// Modbus or S7 on the internet. 55 for the first, +10 per doubling, at most 85.
/// </summary>
public sealed class FailedExternalIcsPortModel : DetectionModel
{
    private static readonly HashSet<ushort> IcsPorts = [102, 502, 44818, 20000, 4840, 2404, 47808];

    public override string Id => "failed-external-ics-port";

    public override string Title => "Failed connections to external hosts on ICS ports";

    public override IReadOnlyList<string> Techniques { get; } = ["T0846"];

    public override bool NeedsNoBaseline => true;

    public override void OnConnectionFailed(DetectionContext c, int client, NetAddress server, ushort serverPort, bool refused)
    {
        if (!IcsPorts.Contains(serverPort) || !c.IsExternal(server))
        {
            return;
        }

        var failures = c.Window(this, client);
        if (!failures.Add(NewDeviceModel.Key(server) ^ ((ulong)serverPort << 48), c.Now, c.WindowMicros))
        {
            c.Touch(this, client, c.Text(server));
            return;
        }

        int n = failures.Count;
        if (Thresholds.Crossed(n, c.Options.FailedExternalIcsPort))
        {
            if (!c.TryTouch(this, client, c.Text(server), Thresholds.Scaled(n, c.Options.FailedExternalIcsPort, 55, 10, 85)))
            {
                c.RaiseSince(this, client, c.Text(server), failures.Start, Thresholds.Scaled(n, c.Options.FailedExternalIcsPort, 55, 10, 85),
                new EvidenceItem("failed attempts", failures.Events.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("distinct external targets", n.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("port", serverPort.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("outcome", refused ? "refused (RST)" : "unanswered"));
            }
        }
    }
}
