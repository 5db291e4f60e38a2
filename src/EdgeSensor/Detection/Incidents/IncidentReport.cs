using System.Globalization;
using System.Text;
using Edge.Contracts.Detection;
using EdgeSensor.Plant;

namespace EdgeSensor.Detection.Incidents;

/// <summary>Builds the wire records of anomalies and incidents: score, title, tactics and the narrative.</summary>
internal static class IncidentReport
{
    /// <summary>Each further model that fired adds this much to the incident's score: a story outweighs any one step.</summary>
    public const int PerExtraModel = 6;

    /// <summary>Each further ATT&amp;CK tactic adds this much.</summary>
    public const int PerExtraTactic = 4;

    public static AnomalyRecord Anomaly(AnomalyState a) => new()
    {
        AnomalyId = a.Id,
        Model = a.Model.Id,
        Title = a.Model.Title,
        Score = a.Score,
        Device = a.Device,
        Peers = a.Peer is null ? [] : [a.Peer],
        FirstSeen = AssetReporter.Time(a.FirstSeen),
        LastSeen = AssetReporter.Time(a.LastSeen),
        Techniques = a.Model.Techniques,
        Evidence = [.. a.Evidence, new EvidenceItem("occurrences", a.Count.ToString(CultureInfo.InvariantCulture))],
        IncidentId = a.IncidentId,
    };

    public static BreachSummaryRecord Build(IncidentState incident, DetectionOptions options)
    {
        var hits = incident.Anomalies
            .GroupBy(a => a.Model.Id)
            .Select(g => new ModelHit
            {
                Model = g.Key,
                Title = g.First().Model.Title,
                Score = g.Max(a => a.Score),
                Count = g.Sum(a => a.Count),
                FirstSeen = AssetReporter.Time(g.Min(a => a.FirstSeen)),
                LastSeen = AssetReporter.Time(g.Max(a => a.LastSeen)),
                Techniques = g.First().Model.Techniques,
                Evidence = g.OrderByDescending(a => a.Score).First().Evidence
                    .Concat(g.Where(a => a.Peer is not null).Select(a => a.Peer!).Distinct().Take(16).Select(p => new EvidenceItem("peer", p)))
                    .DistinctBy(e => (e.Name, e.Value)).ToList(),
            })
            .OrderBy(h => h.FirstSeen).ThenBy(h => h.Model, StringComparer.Ordinal)
            .ToList();
        var techniques = hits.SelectMany(h => h.Techniques).Distinct().Select(AttackIcs.Get).ToList();
        var tactics = techniques.SelectMany(t => t.Tactics).Distinct().ToList();
        int score = hits.Count == 0 ? 0 : Math.Min(100, hits.Max(h => h.Score) + (PerExtraModel * (hits.Count - 1)) + (PerExtraTactic * Math.Max(0, tactics.Count - 1)));
        var related = incident.Anomalies.Where(a => a.Peer is not null).Select(a => a.Peer!).Distinct().Order(StringComparer.Ordinal).ToList();
        return new BreachSummaryRecord
        {
            IncidentId = incident.Id,
            Version = incident.Version,
            State = incident.Closed ? "closed" : "open",
            Title = Title(hits.Select(h => h.Model).ToHashSet(), incident.Device),
            Score = score,
            Device = incident.Device,
            RelatedDevices = related,
            FirstSeen = AssetReporter.Time(incident.FirstSeen),
            LastSeen = AssetReporter.Time(incident.LastSeen),
            Models = hits,
            Tactics = tactics,
            Techniques = techniques,
            Narrative = Narrative(incident.Device, hits),
        };
    }

    /// <summary>A plain-words title from which kinds of models fired.</summary>
    private static string Title(HashSet<string> models, string device)
    {
        bool newDevice = models.Contains("new-device");
        bool recon = models.Overlaps(["ot-scan", "failed-internal-connections", "failed-connections-to-ics-device", "discover-commands"]);
        bool program = models.Contains("uncommon-ics-reprogram");
        bool action = models.Contains("new-action-commands");
        bool c2 = models.Overlaps(["ssl-without-sni-to-new-external", "rare-external-ssl-self-signed", "failed-external-ics-port"]);
        bool remote = models.Overlaps(["unusual-admin-rdp", "it-to-ics-connection"]);
        string who = newDevice ? "a new device" : $"device {device}";
        if (program)
        {
            return $"Controller program changed by {who}";
        }

        if (recon && (action || c2 || remote))
        {
            return $"Network reconnaissance of the industrial network by {who}, followed by access to controllers";
        }

        if (recon)
        {
            return $"Network reconnaissance of the industrial network by {who}";
        }

        if (action)
        {
            return $"New control commands sent to controllers by {who}";
        }

        if (c2)
        {
            return $"Suspicious external communication from {who}";
        }

        if (remote)
        {
            return $"Unusual remote access into the industrial network by {who}";
        }

        return newDevice ? $"New device {device} on the network" : $"Unusual activity of {device}";
    }

    private static string Narrative(string device, List<ModelHit> hits)
    {
        var text = new StringBuilder();
        foreach (var h in hits)
        {
            string when = h.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            string peers = string.Join(", ", h.Evidence.Where(e => e.Name == "peer").Select(e => e.Value).Take(5));
            string detail = string.Join("; ", h.Evidence.Where(e => e.Name != "peer").Take(4).Select(e => $"{e.Name} {e.Value}"));
            text.Append(CultureInfo.InvariantCulture, $"{when}: {device}: {h.Title.ToLowerInvariant()}");
            if (peers.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" (with {peers})");
            }

            if (detail.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" [{detail}]");
            }

            if (h.Count > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $", {h.Count} times");
            }

            text.Append(". ");
        }

        return text.ToString().TrimEnd();
    }
}
