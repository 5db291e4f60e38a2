using System.Globalization;
using Edge.Contracts.Assets;
using EdgeSensor.Plant.Baselines;
using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant.Roles;

/// <summary>
/// Infers a device's role from what it did, with a confidence and the observations behind it. Runs at report time
/// (not per packet) over the device's counters and its relations.
/// <list type="bullet">
/// <item>PLC / controller: answers an ICS protocol; more sure when it identified itself (SZL, FC 43).</item>
/// <item>Engineering workstation: programs (download, upload, PI services, UMAS), stops/starts, sets clocks, or reads many SZLs.</item>
/// <item>HMI / SCADA: polls controllers with reads, regularly, over a long time.</item>
/// <item>IT host: speaks only IT protocols. Network infrastructure: answers SNMP and no ICS.</item>
/// </list>
/// </summary>
public static class RoleInference
{
    /// <summary>Distinct SZL ids read before reading SZLs counts as engineering rather than HMI diagnostics.</summary>
    public const int EngineeringSzlThreshold = 5;

    /// <summary>Read requests (over at least <see cref="PollingMinimumSpan"/>) before a client counts as polling.</summary>
    public const int PollingMinimumReads = 20;

    public static readonly TimeSpan PollingMinimumSpan = TimeSpan.FromSeconds(10);

    public static RoleAssessment Infer(in Device d, IReadOnlyList<Relation> asClient, IReadOnlyList<Relation> asServer, string? identitySummary, Func<Relation, IcsRelationDetail> detail)
    {
        var ci = CultureInfo.InvariantCulture;
        var evidence = new List<string>();

        // Controller: it answers an ICS protocol.
        var icsServed = asServer.Where(r => Services.Ics.Contains(r.Service) && r.PacketsToClient > 0).ToList();
        if (icsServed.Count > 0)
        {
            var protocols = icsServed.Select(r => $"{Services.Name(r.Service)} on port {r.Key.ServerPort}").Distinct().ToList();
            int clients = icsServed.Select(r => r.Key.Client).Distinct().Count();
            double confidence;
            if (d.IcsResponses > 0)
            {
                evidence.Add(string.Create(ci, $"answers {string.Join(", ", protocols)} to {clients} client(s) ({d.IcsResponses} decoded responses)"));
                confidence = 0.8;
            }
            else
            {
                // EtherNet/IP, DNP3, OPC UA, ...: the sensor knows the port but does not decode the protocol yet.
                evidence.Add(string.Create(ci, $"answers {string.Join(", ", protocols)} to {clients} client(s) (by port; protocol not decoded)"));
                confidence = 0.65;
            }

            if (identitySummary is not null)
            {
                evidence.Add($"identifies itself: {identitySummary}");
                confidence = 0.97;
            }
            else if (clients > 1)
            {
                confidence += 0.05;
            }

            return new RoleAssessment { Role = DeviceRoles.Plc, Confidence = confidence, Evidence = evidence };
        }

        var icsUsed = asClient.Where(r => Services.Ics.Contains(r.Service) && r.Requests > 0).ToList();
        var details = icsUsed.Select(detail).ToList();
        int distinctSzl = details.SelectMany(SzlIds).Distinct().Count();
        bool szlOverflow = details.Any(x => x.SzlIds.Overflowed);
        if (icsUsed.Count > 0 && (d.IcsProgramRequests > 0 || d.IcsControlRequests > 0 || distinctSzl >= EngineeringSzlThreshold || szlOverflow))
        {
            double confidence = 0.6;
            if (d.IcsProgramRequests > 0)
            {
                evidence.Add(string.Create(ci, $"sent {d.IcsProgramRequests} program transfer/PI requests (download, upload, PI service, UMAS, S7comm-plus sequences)"));
                confidence = 0.9;
            }

            if (d.IcsControlRequests > 0)
            {
                evidence.Add(string.Create(ci, $"sent {d.IcsControlRequests} control requests (PLC stop/start, clock set, password, programmer commands)"));
                confidence = Math.Max(confidence, 0.85);
            }

            if (distinctSzl >= EngineeringSzlThreshold || szlOverflow)
            {
                evidence.Add(string.Create(ci, $"read {(szlOverflow ? "more than " : string.Empty)}{distinctSzl} distinct SZL ids"));
                confidence = Math.Max(confidence, 0.75);
            }

            evidence.Add(string.Create(ci, $"client of {icsUsed.Select(r => r.Key.Server).Distinct().Count()} controller(s)"));
            return new RoleAssessment { Role = DeviceRoles.EngineeringWorkstation, Confidence = confidence, Evidence = evidence };
        }

        if (icsUsed.Count > 0)
        {
            long reads = icsUsed.Sum(r => r.ReadRequests);
            long writes = icsUsed.Sum(r => r.WriteRequests);
            int controllers = icsUsed.Select(r => r.Key.Server).Distinct().Count();
            var polled = icsUsed.Where(r => r.ReadRequests >= PollingMinimumReads && r.LastRequest - r.FirstRequest >= (long)PollingMinimumSpan.TotalMicroseconds).ToList();
            evidence.Add(string.Create(ci, $"ICS client of {controllers} controller(s): {reads} reads, {writes} writes"));
            double confidence = 0.5;
            foreach (var r in polled)
            {
                double seconds = (r.LastRequest - r.FirstRequest) / 1e6;
                evidence.Add(string.Create(ci, $"polls {Services.Name(r.Service)} every {seconds / Math.Max(1, r.Requests - 1):0.###} s on average ({r.Requests} requests over {seconds:0} s)"));
            }

            if (polled.Count > 0)
            {
                confidence = Math.Min(0.9, 0.7 + (0.05 * (polled.Count - 1)));
            }

            return new RoleAssessment { Role = DeviceRoles.Hmi, Confidence = confidence, Evidence = evidence };
        }

        if (d.Served.Contains(ServiceKind.Snmp))
        {
            evidence.Add("answers SNMP and speaks no ICS protocol");
            return new RoleAssessment { Role = DeviceRoles.NetworkInfrastructure, Confidence = 0.5, Evidence = evidence };
        }

        if (!d.Used.IsEmpty || !d.Served.IsEmpty)
        {
            var names = new List<string>();
            for (var k = ServiceKind.Http; k <= ServiceKind.OtherUdp; k++)
            {
                if (d.Used.Contains(k) || d.Served.Contains(k))
                {
                    names.Add(Services.Name(k));
                }
            }

            evidence.Add($"speaks only IT protocols ({string.Join(", ", names)}), no ICS protocol");
            return new RoleAssessment { Role = DeviceRoles.ItHost, Confidence = names.Count > 1 ? 0.7 : 0.6, Evidence = evidence };
        }

        evidence.Add("no conversation answered yet");
        return new RoleAssessment { Role = DeviceRoles.Unknown, Confidence = 0.1, Evidence = evidence };
    }

    private static IEnumerable<ushort> SzlIds(IcsRelationDetail x)
    {
        for (int i = 0; i < x.SzlIds.Count; i++)
        {
            yield return x.SzlIds[i];
        }
    }
}
