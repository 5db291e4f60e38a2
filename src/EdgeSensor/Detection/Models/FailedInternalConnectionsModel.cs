using System.Globalization;
using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Multiple Failed Internal Connections (T0846), needs no baseline: a source whose attempts to internal hosts are
/// refused or unanswered, many times within the window. 40 at the threshold, +10 per doubling, at most 85.
/// </summary>
public sealed class FailedInternalConnectionsModel : DetectionModel
{
    public override string Id => "failed-internal-connections";

    public override string Title => "Multiple failed internal connections";

    public override IReadOnlyList<string> Techniques { get; } = ["T0846"];

    public override bool NeedsNoBaseline => true;

    public override void OnConnectionFailed(DetectionContext c, int client, NetAddress server, ushort serverPort, bool refused)
    {
        if (c.IsExternal(server))
        {
            return;
        }

        var failures = c.Window(this, client);
        if (failures.Add(NewDeviceModel.Key(server) ^ ((ulong)serverPort << 48), c.Now, c.WindowMicros)
            && Thresholds.Crossed(failures.Count, c.Options.FailedInternalConnections))
        {
            if (!c.TryTouch(this, client, null, Thresholds.Scaled(failures.Count, c.Options.FailedInternalConnections, 40, 10, 85)))
            {
                c.RaiseSince(this, client, null, failures.Start, Thresholds.Scaled(failures.Count, c.Options.FailedInternalConnections, 40, 10, 85),
                new EvidenceItem("failed attempts (host, port)", failures.Count.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("last failure", $"{server} port {serverPort} {(refused ? "refused" : "unanswered")}"));
            }
        }
    }
}
