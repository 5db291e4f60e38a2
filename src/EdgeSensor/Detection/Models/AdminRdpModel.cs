using System.Text;
using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Rdp;
using EdgeSensor.Plant.Baselines;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Unusual Admin RDP Session (T0886 Remote Services, T0859 Valid Accounts): an RDP connection request with an
/// administrative-looking cookie user name, or over a relation the baseline never saw, or into the OT network.
/// 40, +25 admin-like user, +15 new relation, +10 into OT.
/// </summary>
public sealed class AdminRdpModel : DetectionModel
{
    public override string Id => "unusual-admin-rdp";

    public override string Title => "Unusual admin RDP session";

    public override IReadOnlyList<string> Techniques { get; } = ["T0886", "T0859"];

    public override void OnRdpRequest(DetectionContext c, int client, NetAddress server, in RdpConnectionRequest request)
    {
        string user = Encoding.Latin1.GetString(request.UserName);
        bool admin = c.Options.AdminNames.Any(n => user.StartsWith(n, StringComparison.OrdinalIgnoreCase));
        bool known = c.Model.Devices.TryFind(server, out int s)
            && c.Model.Relations.TryFind(new RelationKey(client, s, 6, 3389), out int r) && !c.Model.Relations[r].IsNew;
        bool intoOt = c.IsOtAddress(server);
        if (!admin && known)
        {
            return;
        }

        if (!c.TryTouch(this, client, c.Text(server), 40 + (admin ? 25 : 0) + (known ? 0 : 15) + (intoOt ? 10 : 0)))
        {
            c.Raise(this, client, c.Text(server), 40 + (admin ? 25 : 0) + (known ? 0 : 15) + (intoOt ? 10 : 0),
            new EvidenceItem("rdp user (cookie)", user.Length == 0 ? "(none)" : user),
            new EvidenceItem("admin-like user", admin ? "yes" : "no"),
            new EvidenceItem("relation", known ? "learned" : "never seen in the baseline"),
            new EvidenceItem("requested protocols", request.RequestedProtocols.ToString()));
        }
    }
}
