namespace EdgeSensor.Status;

/// <summary>
/// The open incidents the relay and the ALARM light answer to, and which of them someone acknowledged (on the
/// dashboard, by a command from the collector, or with the cabinet's button). An acknowledged incident stays quiet
/// until its score rises into a higher band (medium, high, critical); a new incident raises the alarm again. Closed
/// incidents leave. Bounded: past <see cref="Capacity"/> open incidents, the lowest-scored one is forgotten.
/// Thread-safe: fed by the findings service, read by the status service, acknowledged from the uplink or the button.
/// </summary>
public sealed class AlarmLatch
{
    public const int Capacity = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _open = new(StringComparer.Ordinal);

    /// <summary>An incident acknowledged: its id, who, and when.</summary>
    public event Action<Acknowledgement>? Acknowledged;

    public int OpenCount
    {
        get
        {
            lock (_lock)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>The highest score among open incidents nobody acknowledged; 0 when none.</summary>
    public int UnacknowledgedScore
    {
        get
        {
            lock (_lock)
            {
                int max = 0;
                foreach (var e in _open.Values)
                {
                    if (e.AcknowledgedBand < 0 && e.Score > max)
                    {
                        max = e.Score;
                    }
                }

                return max;
            }
        }
    }

    /// <summary>A new version of an incident: opens, updates or (state "closed") removes it.</summary>
    public void Update(string incidentId, int score, bool open)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        lock (_lock)
        {
            if (!open)
            {
                _open.Remove(incidentId);
                return;
            }

            if (_open.TryGetValue(incidentId, out var e))
            {
                e.Score = score;
                if (e.AcknowledgedBand >= 0 && Band(score) > e.AcknowledgedBand)
                {
                    e.AcknowledgedBand = -1;   // worse than when acknowledged: alarm again
                }

                return;
            }

            if (_open.Count >= Capacity)
            {
                string? lowest = null;
                int lowestScore = int.MaxValue;
                foreach (var (id, entry) in _open)
                {
                    if (entry.Score < lowestScore)
                    {
                        lowest = id;
                        lowestScore = entry.Score;
                    }
                }

                _open.Remove(lowest!);
            }

            _open[incidentId] = new Entry { Score = score };
        }
    }

    /// <summary>Acknowledges one incident; false when it is not open here (closed, or never seen by this sensor).</summary>
    public bool Acknowledge(string incidentId, string by, DateTimeOffset at)
    {
        Acknowledgement? done = null;
        lock (_lock)
        {
            if (_open.TryGetValue(incidentId, out var e) && e.AcknowledgedBand < 0)
            {
                e.AcknowledgedBand = Band(e.Score);
                done = new Acknowledgement(incidentId, by, at);
            }
        }

        if (done is { } d)
        {
            Acknowledged?.Invoke(d);
        }

        return done is not null;
    }

    /// <summary>Acknowledges every open incident (the cabinet's button); returns how many.</summary>
    public int AcknowledgeAll(string by, DateTimeOffset at)
    {
        var done = new List<Acknowledgement>();
        lock (_lock)
        {
            foreach (var (id, e) in _open)
            {
                if (e.AcknowledgedBand < 0)
                {
                    e.AcknowledgedBand = Band(e.Score);
                    done.Add(new Acknowledgement(id, by, at));
                }
            }
        }

        foreach (var d in done)
        {
            Acknowledged?.Invoke(d);
        }

        return done.Count;
    }

    /// <summary>Score bands: 0 low, 1 medium, 2 high, 3 critical (as the dashboard's severities).</summary>
    public static int Band(int score) => score switch
    {
        >= StatusLights.Critical => 3,
        >= StatusLights.High => 2,
        >= StatusLights.Medium => 1,
        _ => 0,
    };

    private sealed class Entry
    {
        public int Score { get; set; }

        /// <summary>The band the score was in when acknowledged; -1 while not acknowledged.</summary>
        public int AcknowledgedBand { get; set; } = -1;
    }
}

/// <summary>Who acknowledged which incident, and when.</summary>
public readonly record struct Acknowledgement(string IncidentId, string By, DateTimeOffset At);
