using System.Globalization;
using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Multiple Failed Connections to ICS Device (T0846), needs no baseline: one source's attempts to one OT device
/// failing on many distinct ports within the window (retries of one port are an outage, not a probe). 45 at the
/// threshold, +10 per doubling, at most 85.
/// </summary>
public sealed class FailedToIcsDeviceModel : DetectionModel
{
    private readonly Dictionary<(int Client, NetAddress Server), DistinctWindow> _perTarget = [];

    public override string Id => "failed-connections-to-ics-device";

    public override string Title => "Multiple failed connections to an ICS device";

    public override IReadOnlyList<string> Techniques { get; } = ["T0846"];

    public override bool NeedsNoBaseline => true;

    public override void OnConnectionFailed(DetectionContext c, int client, NetAddress server, ushort serverPort, bool refused)
    {
        if (!c.IsOtAddress(server))
        {
            return;
        }

        if (!_perTarget.TryGetValue((client, server), out var w))
        {
            w = new DistinctWindow();
            _perTarget[(client, server)] = w;
        }

        // Distinct ports: one client retrying one port of a PLC that is down is an outage, not a probe.
        if (!w.Add(serverPort, c.Now, c.WindowMicros))
        {
            c.Touch(this, client, c.Text(server));
            return;
        }

        int n = w.Count;
        if (Thresholds.Crossed(n, c.Options.FailedToIcsDevice))
        {
            if (!c.TryTouch(this, client, c.Text(server), Thresholds.Scaled(n, c.Options.FailedToIcsDevice, 45, 10, 85)))
            {
                c.RaiseSince(this, client, c.Text(server), w.Start, Thresholds.Scaled(n, c.Options.FailedToIcsDevice, 45, 10, 85),
                new EvidenceItem("failed attempts", w.Events.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("distinct ports", n.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }
}
