using System.Globalization;
using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Port or address scan of the OT network (T0846 Remote System Discovery), needs no baseline: one source opening
/// connections to many distinct internal (host, port) targets within the window. 50 at the threshold, +10 per
/// doubling, +10 when ICS ports (102, 502, ...) are among the targets; at most 95.
/// </summary>
public sealed class OtScanModel : DetectionModel
{
    private static readonly HashSet<ushort> IcsPorts = [102, 502, 44818, 20000, 4840, 2404, 47808];
    private readonly Dictionary<int, (DistinctWindow Hosts, DistinctWindow Ports, bool Ics)> _detail = [];

    public override string Id => "ot-scan";

    public override string Title => "Scan of the OT network";

    public override IReadOnlyList<string> Techniques { get; } = ["T0846"];

    public override bool NeedsNoBaseline => true;

    public override void OnConnectionAttempt(DetectionContext c, int client, NetAddress server, ushort serverPort, byte transport)
    {
        if (c.IsExternal(server))
        {
            return;
        }

        var targets = c.Window(this, client);
        if (!targets.Add(NewDeviceModel.Key(server) ^ ((ulong)serverPort << 48) ^ transport, c.Now, c.WindowMicros))
        {
            if (targets.Count >= c.Options.ScanTargets)
            {
                c.Touch(this, client, null);
            }

            return;
        }

        if (!_detail.TryGetValue(client, out var d))
        {
            d = (new DistinctWindow(), new DistinctWindow(), false);
        }

        d.Hosts.Add(NewDeviceModel.Key(server), c.Now, c.WindowMicros);
        d.Ports.Add(serverPort, c.Now, c.WindowMicros);
        d.Ics |= IcsPorts.Contains(serverPort);
        _detail[client] = d;
        int n = targets.Count;
        if (!Thresholds.Crossed(n, c.Options.ScanTargets))
        {
            if (n > c.Options.ScanTargets)
            {
                c.Touch(this, client, null);
            }

            return;
        }

        {
            if (!c.TryTouch(this, client, null, Thresholds.Scaled(n, c.Options.ScanTargets, 50, 10, 85) + (d.Ics ? 10 : 0)))
            {
                c.RaiseSince(this, client, null, targets.Start, Thresholds.Scaled(n, c.Options.ScanTargets, 50, 10, 85) + (d.Ics ? 10 : 0),
                new EvidenceItem("targets (host, port)", n.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("distinct hosts", d.Hosts.Count.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("distinct ports", d.Ports.Count.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("ICS ports probed", d.Ics ? "yes" : "no"));
            }
        }
    }
}
