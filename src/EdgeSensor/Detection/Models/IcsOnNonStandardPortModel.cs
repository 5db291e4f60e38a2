using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Possible ICS protocol on a non-standard port, needs no baseline: Modbus/TCP or S7 carried on a port other than
/// 502/102 (a honeypot, a tunnel, a tool hiding its traffic). Raised on the client side. 55.
/// ATT&amp;CK for ICS has no technique for non-standard ports; none is named.
/// </summary>
public sealed class IcsOnNonStandardPortModel : DetectionModel
{
    public override string Id => "ics-on-non-standard-port";

    public override string Title => "Possible ICS protocol on a non-standard port";

    public override IReadOnlyList<string> Techniques { get; } = [];

    public override bool NeedsNoBaseline => true;

    public override void OnIcsOnNonStandardPort(DetectionContext c, in PduContext context, IcsProtocol looksLike)
    {
        NetAddress client = context.ToServer ? context.Source : context.Destination;
        NetAddress server = context.ToServer ? context.Destination : context.Source;
        ushort port = context.ToServer ? context.DestinationPort : context.SourcePort;
        if (!c.Model.Devices.TryFind(client, out int device) || c.TryTouch(this, device, c.Text(server), 55))
        {
            return;
        }

        c.Raise(this, device, c.Text(server), 55,
            new EvidenceItem("looks like", looksLike == IcsProtocol.Modbus ? "Modbus/TCP" : "S7 (ISO-on-TCP)"),
            new EvidenceItem("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
