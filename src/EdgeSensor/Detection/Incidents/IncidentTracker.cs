using Edge.Contracts.Detection;

namespace EdgeSensor.Detection.Incidents;

/// <summary>
/// Keeps anomalies (one per model, device and peer within the window) and stitches them into incidents: anomalies
/// about the same device within <see cref="DetectionOptions.IncidentWindow"/> of the incident's last activity join it;
/// an incident closes after as long a quiet period. Every change bumps the incident's version and is reported.
/// </summary>
public sealed class IncidentTracker
{
    private readonly DetectionOptions _options;
    private readonly Dictionary<(string Model, string Device, string? Peer), AnomalyState> _open = [];
    private readonly List<AnomalyState> _anomalies = [];
    private readonly Dictionary<string, IncidentState> _openIncidents = new(StringComparer.Ordinal);
    private readonly List<IncidentState> _incidents = [];
    private int _sequence;

    public IncidentTracker(DetectionOptions options) => _options = options;

    /// <summary>Called with each new version of an incident (for publishing); runs on the capture thread.</summary>
    public event Action<BreachSummaryRecord>? IncidentUpdated;

    /// <summary>Called when a new anomaly is raised (not when an open one is extended); runs on the capture thread.</summary>
    public event Action<AnomalyRecord>? AnomalyRaised;

    public int AnomalyCount => _anomalies.Count;

    public int IncidentCount => _incidents.Count;

    internal void Raise(DetectionModel model, string device, string? peer, int score, long since, long now, EvidenceItem[] evidence)
    {
        long window = (long)_options.Window.TotalMicroseconds;
        if (!_open.TryGetValue((model.Id, device, peer), out var anomaly) || now - anomaly.LastSeen > window)
        {
            anomaly = new AnomalyState
            {
                Id = $"{model.Id}:{device}:{peer ?? "-"}:{now}",
                Model = model,
                Device = device,
                Peer = peer,
                FirstSeen = since,
                Evidence = evidence,
            };
            _open[(model.Id, device, peer)] = anomaly;
            _anomalies.Add(anomaly);
        }

        anomaly.LastSeen = now;
        anomaly.Count++;
        if (score >= anomaly.Score)
        {
            anomaly.Score = score;
            anomaly.Evidence = evidence;
        }

        var incident = IncidentFor(device, since);
        bool fresh = anomaly.IncidentId is null;
        if (fresh)
        {
            anomaly.IncidentId = incident.Id;
            incident.Anomalies.Add(anomaly);
        }

        incident.LastSeen = Math.Max(incident.LastSeen, now);
        incident.FirstSeen = Math.Min(incident.FirstSeen, since);
        incident.Version++;
        if (fresh)
        {
            AnomalyRaised?.Invoke(IncidentReport.Anomaly(anomaly));
        }

        IncidentUpdated?.Invoke(IncidentReport.Build(incident, _options));
    }

    internal bool Touch(DetectionModel model, string device, string? peer, long now, int score)
    {
        // A higher score deserves fresh evidence: the caller raises again (at most a few times per anomaly).
        if (!_open.TryGetValue((model.Id, device, peer), out var anomaly) || now - anomaly.LastSeen > (long)_options.Window.TotalMicroseconds
            || score > anomaly.Score)
        {
            return false;
        }

        anomaly.LastSeen = Math.Max(anomaly.LastSeen, now);
        anomaly.Count++;
        if (anomaly.IncidentId is not null && _openIncidents.TryGetValue(device, out var incident) && incident.Id == anomaly.IncidentId)
        {
            incident.LastSeen = Math.Max(incident.LastSeen, now);
        }

        return true;
    }

    /// <summary>Closes incidents quiet for a whole incident window.</summary>
    public void CloseQuiet(long now)
    {
        long window = (long)_options.IncidentWindow.TotalMicroseconds;
        foreach (var incident in _openIncidents.Values.ToList())
        {
            if (now - incident.LastSeen > window)
            {
                incident.Closed = true;
                incident.Version++;
                _openIncidents.Remove(incident.Device);
                IncidentUpdated?.Invoke(IncidentReport.Build(incident, _options));
            }
        }
    }

    public IReadOnlyList<AnomalyRecord> Anomalies() => _anomalies.Select(IncidentReport.Anomaly).ToList();

    public IReadOnlyList<BreachSummaryRecord> Incidents() => _incidents.Select(i => IncidentReport.Build(i, _options)).ToList();

    private IncidentState IncidentFor(string device, long now)
    {
        long window = (long)_options.IncidentWindow.TotalMicroseconds;
        if (_openIncidents.TryGetValue(device, out var open) && now - open.LastSeen <= window)
        {
            return open;
        }

        if (open is not null)
        {
            open.Closed = true;
            open.Version++;
        }

        var incident = new IncidentState { Id = $"INC-{++_sequence:D5}-{device}", Device = device, FirstSeen = now };
        _openIncidents[device] = incident;
        _incidents.Add(incident);
        return incident;
    }
}
