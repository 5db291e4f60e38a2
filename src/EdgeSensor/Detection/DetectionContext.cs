using Edge.Contracts.Detection;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Detection.Incidents;
using EdgeSensor.Plant;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Detection;

/// <summary>What a model sees of the plant and how it raises an anomaly.</summary>
public sealed class DetectionContext
{
    private readonly Dictionary<(string Model, int Device), DistinctWindow> _windows = [];
    private readonly Dictionary<NetAddress, string> _text = [];

    public DetectionContext(PlantModel model, DetectionOptions options, IncidentTracker incidents)
    {
        Model = model;
        Options = options;
        Incidents = incidents;
    }

    public PlantModel Model { get; }

    public DetectionOptions Options { get; }

    public IncidentTracker Incidents { get; }

    public long Now => Model.Now;

    public long WindowMicros => (long)Options.Window.TotalMicroseconds;

    /// <summary>Learning ran long enough to compare with: the baseline-dependent models are on.</summary>
    public bool HasBaseline => !Model.IsLearning
        && Model.LearningEnded - Model.LearningStarted >= (long)Options.MinimumBaseline.TotalMicroseconds;

    public string Address(int device) => Text(Model.Devices[device].Address);

    /// <summary>An address as text, made once per address (anomalies are keyed by it).</summary>
    public string Text(NetAddress address)
    {
        if (!_text.TryGetValue(address, out string? text))
        {
            text = address.ToString();
            _text[address] = text;
        }

        return text;
    }

    /// <summary>
    /// The activity an anomaly is about goes on (a scan past its threshold): extends the anomaly and its incident
    /// without raising again. Allocation-free.
    /// </summary>
    public void Touch(DetectionModel model, int device, string? peer) => Incidents.Touch(model, Address(device), peer, Now, 0);

    /// <summary>
    /// When this anomaly is already open (within the window) with at least <paramref name="score"/>, extends it without
    /// building new evidence; false otherwise (raise it then, with fresh evidence). Keeps repeated firing allocation-free.
    /// </summary>
    public bool TryTouch(DetectionModel model, int device, string? peer, int score) => Incidents.Touch(model, Address(device), peer, Now, score);

    /// <summary>An OT device: it serves or uses an ICS protocol, or its configured zone is OT.</summary>
    public bool IsOt(int device)
    {
        ref Device d = ref Model.Devices[device];
        var zone = Model.Options.Zones.Find(d.Address, d.Vlan);
        if (zone is not null)
        {
            return zone.Domain == "ot";
        }

        return Services.Ics.Any(d.Served) || Services.Ics.Any(d.Used);
    }

    /// <summary>
    /// An IT device: its configured zone is IT, or (without zones) it serves no ICS protocol and used none when
    /// learning ended (a new device counts by what it is, not by what it started doing).
    /// </summary>
    public bool IsIt(int device)
    {
        ref Device d = ref Model.Devices[device];
        var zone = Model.Options.Zones.Find(d.Address, d.Vlan);
        if (zone is not null)
        {
            return zone.Domain == "it";
        }

        return !Services.Ics.Any(d.Served) && !Services.Ics.Any(d.BaselineUsed);
    }

    /// <summary>An OT server: it answers an ICS protocol, or sits in an OT zone.</summary>
    public bool IsOtAddress(NetAddress address) =>
        Model.Devices.TryFind(address, out int d) ? IsOt(d) : Model.Options.Zones.Find(address, 0)?.Domain == "ot";

    public bool IsExternal(NetAddress address) => NetworkScope.IsExternal(address, Model.Options.Zones);

    public DistinctWindow Window(DetectionModel model, int device)
    {
        if (!_windows.TryGetValue((model.Id, device), out var w))
        {
            w = new DistinctWindow();
            _windows[(model.Id, device)] = w;
        }

        return w;
    }

    public void Raise(DetectionModel model, int device, string? peer, int score, params EvidenceItem[] evidence) =>
        Incidents.Raise(model, Address(device), peer, Math.Clamp(score, 0, 100), Now, Now, evidence);

    /// <summary>Raises an anomaly whose activity began at <paramref name="since"/> (a counting model's first counted event).</summary>
    public void RaiseSince(DetectionModel model, int device, string? peer, long since, int score, params EvidenceItem[] evidence) =>
        Incidents.Raise(model, Address(device), peer, Math.Clamp(score, 0, 100), Math.Min(since, Now), Now, evidence);
}
