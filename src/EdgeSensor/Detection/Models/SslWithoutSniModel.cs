using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Plant.Baselines;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Anomalous SSL without SNI to New External (T0869): a TLS ClientHello with no server name, to an external host the
/// baseline never saw this device talk to. Malware calling home by IP skips SNI; browsers and updaters send it. 65.
/// </summary>
public sealed class SslWithoutSniModel : DetectionModel
{
    public override string Id => "ssl-without-sni-to-new-external";

    public override string Title => "Anomalous SSL without SNI to new external host";

    public override IReadOnlyList<string> Techniques { get; } = ["T0869"];

    public override void OnTlsClientHello(DetectionContext c, int client, NetAddress server, ushort serverPort, bool hasServerName)
    {
        if (hasServerName || !c.IsExternal(server))
        {
            return;
        }

        bool learned = c.Model.Devices.TryFind(server, out int s)
            && c.Model.Relations.TryFind(new RelationKey(client, s, 6, serverPort), out int r) && !c.Model.Relations[r].IsNew;
        if (learned)
        {
            return;
        }

        if (!c.TryTouch(this, client, c.Text(server), 65))
        {
            c.Raise(this, client, c.Text(server), 65,
            new EvidenceItem("server", $"{server} port {serverPort}"),
            new EvidenceItem("server name (SNI)", "none"));
        }
    }
}
