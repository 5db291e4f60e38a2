using Edge.Contracts.Detection;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Non-ICS traffic on an ICS port (T0885 Commonly Used Port), needs no baseline: bytes to or from port 502 or 102 that
/// are not Modbus or ISO-on-TCP (a TLS hello, a scanner's probe). Raised on the client side. 45.
/// </summary>
public sealed class ForeignTrafficOnIcsPortModel : DetectionModel
{
    public override string Id => "non-ics-on-ics-port";

    public override string Title => "Non-ICS traffic on an ICS port";

    public override IReadOnlyList<string> Techniques { get; } = ["T0885"];

    public override bool NeedsNoBaseline => true;

    public override void OnForeignTrafficOnIcsPort(DetectionContext c, in PduContext context)
    {
        var client = context.ToServer ? context.Source : context.Destination;
        var server = context.ToServer ? context.Destination : context.Source;
        ushort port = context.ToServer ? context.DestinationPort : context.SourcePort;
        if (!c.Model.Devices.TryFind(client, out int device))
        {
            return;
        }

        if (!c.TryTouch(this, device, c.Text(server), 45))
        {
            c.Raise(this, device, c.Text(server), 45, new EvidenceItem("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
