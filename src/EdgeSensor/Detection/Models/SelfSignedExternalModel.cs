using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Tls;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Rare External SSL Self-Signed (T0869): an external server answered a device of the plant with a self-signed leaf
/// certificate (subject equals issuer and the signature verifies with its own key). Raised on the device that
/// connected. 70.
/// </summary>
public sealed class SelfSignedExternalModel : DetectionModel
{
    public override string Id => "rare-external-ssl-self-signed";

    public override string Title => "Rare external SSL with a self-signed certificate";

    public override IReadOnlyList<string> Techniques { get; } = ["T0869"];

    public override void OnCertificate(DetectionContext c, int server, NetAddress client, TlsCertificateFacts facts)
    {
        var serverAddress = c.Model.Devices[server].Address;
        if (!facts.IsSelfSigned || !c.IsExternal(serverAddress) || c.IsExternal(client) || !c.Model.Devices.TryFind(client, out int clientDevice))
        {
            return;
        }

        if (!c.TryTouch(this, clientDevice, c.Text(serverAddress), 70))
        {
            c.Raise(this, clientDevice, c.Text(serverAddress), 70,
            new EvidenceItem("certificate subject", facts.Subject),
            new EvidenceItem("certificate issuer", facts.Issuer),
            new EvidenceItem("certificate sha256", facts.Sha256Fingerprint));
        }
    }
}
