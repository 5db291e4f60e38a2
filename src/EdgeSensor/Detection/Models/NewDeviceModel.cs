using System.Globalization;
using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Identity;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Unusual Activity from New Device (T0864): a device first seen after learning. Appearing alone scores 30; each
/// doubling of the peers it opens connections to adds 10, up to 70.
/// </summary>
public sealed class NewDeviceModel : DetectionModel
{
    public override string Id => "new-device";

    public override string Title => "Unusual activity from new device";

    public override IReadOnlyList<string> Techniques { get; } = ["T0864"];

    public override void OnNewDevice(DetectionContext c, int device)
    {
        ref var d = ref c.Model.Devices[device];
        if (!d.IsNew)
        {
            return;
        }

        if (!c.TryTouch(this, device, null, 30))
        {
            c.Raise(this, device, null, 30,
            new EvidenceItem("mac", d.Mac == 0 ? "-" : AssetReporter.FormatMac(d.Mac)),
            new EvidenceItem("mac vendor", OuiTable.Default.Lookup(d.Mac) ?? "unknown"));
        }
    }

    public override void OnConnectionAttempt(DetectionContext c, int client, NetAddress server, ushort serverPort, byte transport)
    {
        ref var d = ref c.Model.Devices[client];
        if (!d.IsNew)
        {
            return;
        }

        var peers = c.Window(this, client);
        if (peers.Add(Key(server), c.Now, long.MaxValue / 2) && Thresholds.Crossed(peers.Count, 1))
        {
            if (!c.TryTouch(this, client, null, Thresholds.Scaled(peers.Count, 1, 30, 10, 70)))
            {
                c.Raise(this, client, null, Thresholds.Scaled(peers.Count, 1, 30, 10, 70),
                new EvidenceItem("peers contacted", peers.Count.ToString(CultureInfo.InvariantCulture)),
                new EvidenceItem("mac", d.Mac == 0 ? "-" : AssetReporter.FormatMac(d.Mac)));
            }
        }
    }

    internal static ulong Key(NetAddress a) => a.Low ^ (a.High * 0x9E3779B97F4A7C15UL);
}
