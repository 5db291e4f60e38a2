using System.Globalization;
using Edge.Contracts.Detection;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Detection.Models;

/// <summary>
/// Multiple New Discover Commands (T0888 Remote System Information Discovery, T0861 Point &amp; Tag Identification),
/// needs no baseline beyond "never sent before": new SZL ids, FC 43 identification, diagnostics, block lists from one
/// source; and sweeps: many distinct new function codes or unit ids from one source to one server within the window,
/// or reads/writes that keep stepping outside the addresses used so far (register scanning).
/// Discover: 40 at the threshold, +10 per doubling; an address sweep 60, a function/unit sweep 70, +10 per doubling; at most 90.
/// </summary>
public sealed class DiscoverCommandsModel : DetectionModel
{
    private readonly Dictionary<(int Client, int Server, bool Units), DistinctWindow> _sweeps = [];
    private readonly Dictionary<(int Client, int Server), DistinctWindow> _addressSweeps = [];

    public override string Id => "discover-commands";

    public override string Title => "Multiple new discover commands";

    public override IReadOnlyList<string> Techniques { get; } = ["T0888", "T0861"];

    public override bool NeedsNoBaseline => true;

    public override void OnIcsRequest(DetectionContext c, in IcsEvent request)
    {
        if (!request.IsNew)
        {
            return;
        }

        ref var r = ref c.Model.Relations[request.Relation];
        int client = r.Key.Client;
        string server = c.Address(r.Key.Server);
        if (request.Category == IcsCategory.Discover)
        {
            var discover = c.Window(this, client);
            if (discover.Add(((ulong)request.Kind << 32) | request.Code | ((ulong)r.Key.Server << 40), c.Now, c.WindowMicros)
                && Thresholds.Crossed(discover.Count, c.Options.DiscoverCommands))
            {
                if (!c.TryTouch(this, client, server, Thresholds.Scaled(discover.Count, c.Options.DiscoverCommands, 40, 10, 90)))
                {
                    c.RaiseSince(this, client, server, discover.Start, Thresholds.Scaled(discover.Count, c.Options.DiscoverCommands, 40, 10, 90),
                    new EvidenceItem("new discover commands", discover.Count.ToString(CultureInfo.InvariantCulture)),
                    new EvidenceItem("last", Describe(in request)));
                }
            }
        }

        if (request.Kind is IcsEventKind.ReadRange or IcsEventKind.WriteRange)
        {
            // Register/coil scanning: reads or writes that keep stepping outside the range the relation has used.
            if (!_addressSweeps.TryGetValue((client, r.Key.Server), out var addresses))
            {
                addresses = new DistinctWindow();
                _addressSweeps[(client, r.Key.Server)] = addresses;
            }

            bool added = addresses.Add(((ulong)request.Kind << 16) | request.Code, c.Now, c.WindowMicros);
            if (addresses.Count >= c.Options.AddressSweep && !(added && Thresholds.Crossed(addresses.Count, c.Options.AddressSweep)))
            {
                c.Touch(this, client, server);
            }
            else if (added && Thresholds.Crossed(addresses.Count, c.Options.AddressSweep))
            {
                if (!c.TryTouch(this, client, server, Thresholds.Scaled(addresses.Count, c.Options.AddressSweep, 60, 10, 90)))
                {
                    c.RaiseSince(this, client, server, addresses.Start, Thresholds.Scaled(addresses.Count, c.Options.AddressSweep, 60, 10, 90),
                    new EvidenceItem("address sweep: requests outside the addresses used so far", addresses.Count.ToString(CultureInfo.InvariantCulture)),
                    new EvidenceItem("last", Describe(in request)));
                }
            }
        }

        if (request.Kind is IcsEventKind.Function or IcsEventKind.UnitId && request.Protocol == ServiceKind.Modbus)
        {
            bool units = request.Kind == IcsEventKind.UnitId;
            if (!_sweeps.TryGetValue((client, r.Key.Server, units), out var sweep))
            {
                sweep = new DistinctWindow();
                _sweeps[(client, r.Key.Server, units)] = sweep;
            }

            if (sweep.Add(request.Code, c.Now, c.WindowMicros) && Thresholds.Crossed(sweep.Count, c.Options.SweepDistinct))
            {
                if (!c.TryTouch(this, client, server, Thresholds.Scaled(sweep.Count, c.Options.SweepDistinct, 70, 10, 90)))
                {
                    c.RaiseSince(this, client, server, sweep.Start, Thresholds.Scaled(sweep.Count, c.Options.SweepDistinct, 70, 10, 90),
                    new EvidenceItem(units ? "unit id sweep: distinct new unit ids" : "function code sweep: distinct new function codes", sweep.Count.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
    }

    internal static string Describe(in IcsEvent e) => e.Kind switch
    {
        IcsEventKind.Szl => string.Create(CultureInfo.InvariantCulture, $"S7 read SZL 0x{e.Code:x4}"),
        IcsEventKind.UnitId => string.Create(CultureInfo.InvariantCulture, $"Modbus unit id {e.Code}"),
        IcsEventKind.DataBlock => string.Create(CultureInfo.InvariantCulture, $"S7 DB{e.Code}"),
        IcsEventKind.ReadRange => string.Create(CultureInfo.InvariantCulture, $"Modbus read from address {e.Code}"),
        IcsEventKind.WriteRange => string.Create(CultureInfo.InvariantCulture, $"Modbus write to address {e.Code}"),
        _ => e.Protocol switch
        {
            ServiceKind.Modbus => string.Create(CultureInfo.InvariantCulture, $"Modbus function {e.Code}"),
            ServiceKind.S7CommPlus => string.Create(CultureInfo.InvariantCulture, $"S7comm-plus function 0x{e.Code:x4}"),
            _ => e.Code >= 0x100
                ? string.Create(CultureInfo.InvariantCulture, $"S7 userdata group {(e.Code & 0xff) >> 5} subfunction {e.Code & 0x1f}")
                : string.Create(CultureInfo.InvariantCulture, $"S7 function 0x{e.Code:x2}"),
        },
    };
}
