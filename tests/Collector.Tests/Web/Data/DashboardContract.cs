using System.Text;
using Collector.Storage;
using Collector.Tests.Infrastructure;
using Collector.Web.Data;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Topics;
using static Collector.Tests.Storage.StoreSamples;

namespace Collector.Tests.Web.Data;

/// <summary>
/// The dashboard's side of the database, written once and run on SQLite and PostgreSQL: what the ingest projection
/// derives (asset index, changes, workflow rows, anomaly reports, sensor health) and what the queries return.
/// </summary>
public abstract class DashboardContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);

    protected abstract IEventStore CreateStore();

    [SkippableFact]
    public void Firmware_change_plc_stop_and_role_change_are_logged_once_and_late_records_are_ignored()
    {
        (DbEventStore store, SqlDashboardQueries q) = Open();
        using (store)
        {
            AssetRecord plc = Plc("10.0.0.5", "V3.2.6", "run", T0);
            Write(store, Asset(Id(1), plc));
            Write(store, Asset(Id(2), plc with { Identity = plc.Identity! with { FirmwareVersion = "V3.3.0" }, LastSeen = T0.AddMinutes(5) }));
            Write(store, Asset(Id(3), plc with { Identity = plc.Identity! with { FirmwareVersion = "V3.3.0", OperatingState = "STOP", OperatingStateSince = T0.AddMinutes(7) }, LastSeen = T0.AddMinutes(8) }));
            Write(store, Asset(Id(4), plc with { Role = plc.Role with { Role = "hmi" }, Identity = plc.Identity! with { FirmwareVersion = "V3.3.0", OperatingState = "STOP" }, LastSeen = T0.AddMinutes(9) }));
            // A record older than what is indexed, arriving late (an outbox replay): changes nothing.
            Write(store, Asset(Id(5), plc with { LastSeen = T0.AddMinutes(1) }));

            IReadOnlyList<AssetChange> log = q.AssetChanges(Sensor, "10.0.0.5", 50);
            Assert.Equal(["role changed|plc|hmi", "PLC stopped|run|STOP", "firmware changed|V3.2.6|V3.3.0", "discovered||plc 10.0.0.5"],
                log.Select(c => $"{c.Kind}|{c.Before}|{c.After}"));
            Assert.Equal(T0.AddMinutes(7), log[1].At);
            AssetRow row = Assert.Single(q.Assets(null, AssetSort.LastSeen, true, 1, 10).Items);
            Assert.Equal(("V3.3.0", "hmi", T0.AddMinutes(9)), (row.Firmware, row.Role, row.LastSeen));
            // "discovered" (seen during learning) is in the device's log, not in the overview's recent changes.
            Assert.DoesNotContain(q.Overview(Now).RecentChanges, c => c.Kind == "discovered");
            Assert.Equal(3, q.Overview(Now).RecentChanges.Count);
        }
    }

    [SkippableFact]
    public void Asset_search_is_case_insensitive_escapes_wildcards_sorts_addresses_numerically_and_pages()
    {
        (DbEventStore store, SqlDashboardQueries q) = Open();
        using (store)
        {
            string[] ips = ["10.0.0.10", "10.0.0.9", "10.0.0.100", "192.168.1.2", "10.0.0.1"];
            Write(store, [.. ips.Select((ip, i) => Asset(Id(i + 1), Plc(ip, "V1", "run", T0.AddMinutes(i))))]);
            Write(store, Asset(Id(10), Plc("10.0.1.1", "V1", "run", T0) with { MacVendor = "Phoenix_Contact 50%" , Identity = null }));

            Assert.Equal(["10.0.0.1", "10.0.0.9", "10.0.0.10", "10.0.0.100", "10.0.1.1", "192.168.1.2"],
                q.Assets(null, AssetSort.Ip, false, 1, 10).Items.Select(a => a.Ip));
            Assert.Equal(5, q.Assets("SIEMENS", AssetSort.Ip, false, 1, 10).Total);
            Assert.Equal(["10.0.1.1"], q.Assets("50%", AssetSort.Ip, false, 1, 10).Items.Select(a => a.Ip));
            Assert.DoesNotContain(q.Assets("%", AssetSort.Ip, false, 1, 10).Items, a => a.Ip != "10.0.1.1");
            Assert.Equal(["10.0.1.1"], q.Assets("_", AssetSort.Ip, false, 1, 10).Items.Select(a => a.Ip)); // unescaped, "_" would match every row
            Paged<AssetRow> second = q.Assets(null, AssetSort.Ip, false, 2, 4);
            Assert.Equal((6L, 2), (second.Total, second.Pages));
            Assert.Equal(["10.0.1.1", "192.168.1.2"], second.Items.Select(a => a.Ip));
        }
    }

    [SkippableFact]
    public void Incident_workflow_is_kept_apart_from_sensor_versions_with_its_history()
    {
        (DbEventStore store, SqlDashboardQueries q) = Open();
        using (store)
        {
            BreachSummaryRecord incident = Samples.Incident;
            Write(store, Incident(Id(1), incident with { Version = 1, Score = 70 }));
            Assert.Equal("new", q.IncidentRow(Sensor, incident.IncidentId)!.Workflow);

            Assert.Equal(IncidentActionResult.Done, q.ActOnIncident(Sensor, incident.IncidentId, "alice", "acknowledge", null, "looking", T0));
            Assert.Equal(IncidentActionResult.Done, q.ActOnIncident(Sensor, incident.IncidentId, "alice", "assign", "bob", null, T0.AddMinutes(1)));
            Write(store, Incident(Id(2), incident with { Version = 2, Score = 95 }));
            IncidentRow row = q.IncidentRow(Sensor, incident.IncidentId)!;
            Assert.Equal(("acknowledged", "bob", 95, 2), (row.Workflow, row.Assignee, row.Score, row.Version));
            Assert.Equal(incident.Models.Select(m => m.Model), row.Models);

            Assert.Equal(IncidentActionResult.Done, q.ActOnIncident(Sensor, incident.IncidentId, "bob", "close", null, "false positive: planned maintenance", T0.AddMinutes(2)));
            Assert.Empty(q.Incidents(null, 0, null, 1, 10).Items);
            Assert.Single(q.Incidents("closed", 0, null, 1, 10).Items);
            Assert.Single(q.Incidents("all", 90, "ot-scan", 1, 10).Items);
            Assert.Empty(q.Incidents("all", 96, null, 1, 10).Items);
            Assert.Equal(["acknowledge|alice||looking", "assign|alice|bob|", "close|bob||false positive: planned maintenance"],
                q.IncidentHistory(Sensor, incident.IncidentId).Select(a => $"{a.Action}|{a.User}|{a.Assignee}|{a.Comment}"));
            Assert.Equal([1, 2], q.IncidentVersions(Sensor, incident.IncidentId).Select(v => v.Version));
            Assert.Equal(IncidentActionResult.NotFound, q.ActOnIncident(Sensor, "no-such-incident", "bob", "close", null, null, T0));
            Assert.Equal(IncidentActionResult.NotApplicable, q.ActOnIncident(Sensor, incident.IncidentId, "bob", "acknowledge", null, null, T0));
            Assert.Equal(IncidentActionResult.Done, q.ActOnIncident(Sensor, incident.IncidentId, "bob", "reopen", null, "not planned after all", T0.AddMinutes(3)));
            Assert.Equal("new", q.IncidentRow(Sensor, incident.IncidentId)!.Workflow);
            Assert.Equal(IncidentActionResult.NotApplicable, q.ActOnIncident(Sensor, incident.IncidentId, "bob", "reopen", null, null, T0));
            Assert.Equal(IncidentActionResult.Done, q.ActOnIncident(Sensor, incident.IncidentId, "bob", "close", null, null, T0.AddMinutes(4)));
            Assert.Equal(0, q.Overview(Now).OpenIncidents);
        }
    }

    [SkippableFact]
    public void A_closed_incident_reopens_when_the_sensor_sees_it_grow_and_not_otherwise()
    {
        (DbEventStore store, SqlDashboardQueries q) = Open();
        using (store)
        {
            BreachSummaryRecord incident = Samples.Incident with { Version = 1, Score = 60, Models = [Samples.Incident.Models[0]] };
            Write(store, Incident(Id(1), incident));
            Assert.Equal(IncidentActionResult.Done, q.ActOnIncident(Sensor, incident.IncidentId, "alice", "close", null, "known laptop", T0));

            // A new version with nothing new (same score, same models): stays closed.
            Write(store, Incident(Id(2), incident with { Version = 2 }));
            Assert.Equal("closed", q.IncidentRow(Sensor, incident.IncidentId)!.Workflow);

            // The sensor adds a model and raises the score: back to new, with the reason in the history.
            Write(store, Incident(Id(3), Samples.Incident with { Version = 3, Score = 95 }));
            Assert.Equal("new", q.IncidentRow(Sensor, incident.IncidentId)!.Workflow);
            IncidentAction reopened = q.IncidentHistory(Sensor, incident.IncidentId)[^1];
            Assert.Equal(("sensor", "reopen"), (reopened.User, reopened.Action));
            Assert.Contains("score 60 -> 95", reopened.Comment, StringComparison.Ordinal);
            Assert.Contains(Samples.Incident.Models[1].Model, reopened.Comment, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void Command_anomalies_are_logged_for_the_device_and_its_targets_once_and_binned_for_the_activity_chart()
    {
        (DbEventStore store, SqlDashboardQueries q) = Open();
        using (store)
        {
            AnomalyRecord write = Samples.Anomaly with
            {
                AnomalyId = "new-action-commands:10.0.0.99:1", Model = "new-action-commands", Title = "New action commands to a controller",
                Device = "10.0.0.99", Peers = ["10.0.0.5"], FirstSeen = T0, LastSeen = T0.AddSeconds(30), Score = 70,
                Evidence = [new EvidenceItem("function", "s7:plc-stop")],
            };
            Write(store, Anomaly(Id(1), write));
            Write(store, Anomaly(Id(2), write with { LastSeen = T0.AddMinutes(2), Score = 80 }));

            Assert.Equal(["New action commands to a controller|to 10.0.0.5|function: s7:plc-stop"],
                q.AssetChanges(Sensor, "10.0.0.99", 10).Select(c => $"{c.Kind}|{c.Before}|{c.After}"));
            Assert.Equal(["New action commands to a controller|from 10.0.0.99"], q.AssetChanges(Sensor, "10.0.0.5", 10).Select(c => $"{c.Kind}|{c.Before}"));
            IReadOnlyList<ActivityPoint> activity = q.DeviceActivity(Sensor, "10.0.0.99", T0.AddMinutes(-1), T0.AddMinutes(3));
            Assert.Equal([(0L, 0), (1L, 70), (0L, 0), (1L, 80), (0L, 0)], activity.Select(p => (p.Reports, p.MaxScore)));
        }
    }

    [SkippableFact]
    public void The_map_draws_each_relation_once_from_client_to_server_and_flags_it_to_ot()
    {
        (DbEventStore store, SqlDashboardQueries q) = Open();
        using (store)
        {
            AssetRecord plc = Plc("10.0.0.5", "V1", "run", T0) with
            {
                Peers = [new PeerSummary { Peer = "10.9.0.7", Protocol = "s7comm", ServerPort = 102, Direction = "server", Packets = 40, Bytes = 3200, Functions = [] }],
            };
            AssetRecord laptop = Plc("10.9.0.7", "V1", "run", T0) with
            {
                Identity = null,
                Role = plc.Role with { Role = "it-host" },
                Zone = plc.Zone with { Name = "IT", Domain = "it", PurdueLevel = 4 },
                Peers = [new PeerSummary { Peer = "10.0.0.5", Protocol = "s7comm", ServerPort = 102, Direction = "client", Packets = 40, Bytes = 3200, Functions = [] }],
            };
            Write(store, Asset(Id(1), plc), Asset(Id(2), laptop));
            // A later record of the PLC without that peer replaces its edges.
            Write(store, Asset(Id(3), plc with { LastSeen = T0.AddMinutes(1), Peers = [] }));

            (IReadOnlyList<MapNode> nodes, IReadOnlyList<MapEdge> edges) = q.Map(10);
            Assert.Equal(["10.0.0.5 line 1|plc|ot", "10.9.0.7|it-host|it"], nodes.Select(n => $"{n.Label}|{n.Role}|{n.Domain}").Order());
            MapEdge edge = Assert.Single(edges);
            Assert.Equal(($"{Sensor}/10.9.0.7", $"{Sensor}/10.0.0.5", "s7comm", true), (edge.Source, edge.Target, edge.Protocol, edge.ItToOt));
        }
    }

    [SkippableFact]
    public void Sensor_health_takes_the_capture_rate_from_successive_metrics()
    {
        (DbEventStore store, SqlDashboardQueries q) = Open();
        using (store)
        {
            Write(store, Status(Id(1), Samples.Birth with { BdSeq = 1 }));
            Write(store, Metrics(Id(2), Collector.Tests.Storage.StoreSamples.Metrics with { Time = T0, Frames = 1000, Drops = 0 }));
            Write(store, Metrics(Id(3), Collector.Tests.Storage.StoreSamples.Metrics with { Time = T0.AddSeconds(10), Frames = 6000, Drops = 3 }));

            SensorRow sensor = Assert.Single(q.Sensors(Now));
            Assert.Equal(("online", 500.0, 3L), (sensor.State, sensor.FramesPerSecond, sensor.Drops));
            Assert.Equal(1, q.Overview(Now).SensorsOnline);
        }
    }

    [SkippableFact]
    public void Sensor_health_is_the_newest_metrics_health_with_its_alerts_and_the_previous_exit_of_the_birth()
    {
        (DbEventStore store, SqlDashboardQueries q) = Open();
        using (store)
        {
            var crashed = new PreviousExit { Clean = false, Result = "watchdog", Signal = "ABRT", Source = "systemd", At = T0.AddMinutes(-1) };
            Write(store, Status(Id(1), Samples.Birth with { BdSeq = 1, PreviousExit = crashed }));
            SensorMetricsRecord run = Collector.Tests.Storage.StoreSamples.Metrics with { StartedAt = T0, Health = null };
            Write(store, Metrics(Id(2), run with { Time = T0.AddDays(-8), StartedAt = T0.AddDays(-8), Frames = 5 }));  // past the retention
            Write(store, Metrics(Id(3), run with { Time = T0, Frames = 1000 }));                                       // a sensor without health
            Write(store, Metrics(Id(4), run with { Time = T0.AddSeconds(60), Frames = 7000, Health = HealthAt(10.0) }));
            SensorHealth newest = HealthAt(20.5) with
            {
                MemoryBytes = 240L << 20, MemoryLimitBytes = 256L << 20, TemperatureCelsius = 48.312, DiskFreeBytes = 1L << 30, DiskTotalBytes = 8L << 30,
                Capture = new CaptureHealth { Received = 13_005, KernelDropped = 12, InterfaceDropped = 3, DroppedBySensor = 1 }, UptimeSeconds = 120,
                Alerts =
                [
                    new HealthAlert { Code = HealthAlertCodes.CaptureDrops, Since = T0.AddSeconds(100), Detail = "15 frames lost since 20:01:40 UTC" },
                    new HealthAlert { Code = HealthAlertCodes.MemoryHigh, Since = T0.AddSeconds(110) },
                ],
            };
            Write(store, Metrics(Id(5), run with { Time = T0.AddSeconds(120), Frames = 13_000, Health = newest }));
            Write(store, Metrics(Id(6), run with { Time = T0.AddSeconds(90), Frames = 10_000, Health = HealthAt(15.0) }));   // late: older than the newest

            SensorRow sensor = Assert.Single(q.Sensors(Now));
            Assert.Equal(crashed, sensor.PreviousExit);
            Assert.Equal(T0.AddSeconds(120), sensor.HealthAt);
            SensorHealth health = sensor.Health!;
            Assert.Equal((20.5, 240L << 20, 256L << 20, 48.312, 1L << 30, 8L << 30, 120L),
                (health.CpuPercent, health.MemoryBytes, health.MemoryLimitBytes, health.TemperatureCelsius, health.DiskFreeBytes, health.DiskTotalBytes, health.UptimeSeconds));
            Assert.Equal(newest.Capture, health.Capture);
            Assert.Equal(newest.Alerts, health.Alerts);

            // Chart points: every sample in the window, the rate from the previous point of the same run.
            IReadOnlyList<HealthPoint> points = q.SensorHealthHistory(Sensor, T0.AddDays(-10), T0.AddDays(1), 100)[Sensor];
            Assert.Equal([(T0, (double?)null, (double?)null), (T0.AddSeconds(60), 100.0, 10.0), (T0.AddSeconds(90), 100.0, 15.0), (T0.AddSeconds(120), 100.0, 20.5)],
                points.Select(p => (p.At, p.FramesPerSecond, p.CpuPercent)));

            // Thinned evenly, the newest kept, the rate spanning the points dropped.
            Assert.Equal([(T0.AddSeconds(60), (double?)null), (T0.AddSeconds(120), 100.0)],
                q.SensorHealthHistory(null, T0.AddDays(-10), T0.AddDays(1), 2)[Sensor].Select(p => (p.At, p.FramesPerSecond)));
            Assert.Empty(q.SensorHealthHistory("another-sensor", T0.AddDays(-10), T0.AddDays(1), 100));

            // The sensor restarted: its counters start again, so no rate across the restart; it no longer reports its
            // health, and its new birth knows nothing of how the last run ended.
            Write(store, Status(Id(7), Samples.Birth with { BdSeq = 2 }));
            Write(store, Metrics(Id(8), run with { StartedAt = T0.AddSeconds(150), Time = T0.AddSeconds(180), Frames = 50 }));
            Assert.Null(q.SensorHealthHistory(Sensor, T0, T0.AddDays(1), 100)[Sensor][^1].FramesPerSecond);
            sensor = Assert.Single(q.Sensors(Now));
            Assert.Equal((T0.AddSeconds(180), (SensorHealth?)null, (PreviousExit?)null), (sensor.HealthAt, sensor.Health, sensor.PreviousExit));
        }
    }

    private static SensorHealth HealthAt(double cpu) => new() { CpuPercent = cpu, UptimeSeconds = 60, Alerts = [] };

    private (DbEventStore Store, SqlDashboardQueries Queries) Open()
    {
        var store = (DbEventStore)CreateStore();
        store.Projection = DashboardProjection.Definition;
        store.Initialize();
        return (store, new SqlDashboardQueries(store.Dialect));
    }

    private static void Write(IEventStore store, params StoredMessage[] messages) =>
        store.Write(messages, [], new bool[messages.Length]);

    private static StoredMessage Metrics(string id, SensorMetricsRecord metrics) =>
        new(id, Site, Sensor, EdgeTopicKind.Metrics, 1, metrics.Time, Now, metrics, Encoding.UTF8.GetString(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(metrics, Edge.Contracts.Serialization.EdgeJsonContext.Default.SensorMetricsRecord)));

    private static AssetRecord Plc(string ip, string firmware, string state, DateTimeOffset lastSeen) => Samples.Asset with
    {
        AssetId = ip,
        IpAddresses = [ip],
        FirstSeen = T0,
        LastSeen = lastSeen,
        IsNew = false,
        Identity = Samples.Asset.Identity! with { FirmwareVersion = firmware, OperatingState = state, PlcName = "line 1" },
        Role = Samples.Asset.Role with { Role = "plc" },
    };
}
