using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Collector.Benchmarks.Storage;
using Collector.Storage;
using Edge.Contracts;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Messaging;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;

namespace Collector.Benchmarks.Dashboard;

/// <summary>
/// Thirty days of one plant as four sensors report it, as the messages the collector's validator hands to the ingest
/// writer, in the order they arrive (by send time). Deterministic (fixed seed), times relative to <c>now</c>.
/// <list type="bullet">
/// <item>10,000 distinct assets (IPs 10.20-23.x.y, one sensor each), 80 % discovered in the first two days, the rest
/// one by one since; each reported at discovery and again by a recent snapshot, some of which change firmware,
/// operating state or role. Roles, zones, vendors, order numbers and firmware vary (<see cref="PlantCatalog"/>);
/// controllers serve s7comm/Modbus/EtherNet-IP to peers of the same sensor.</item>
/// <item>1,000 incidents about 400 devices (so some devices have several), 1 to 4 versions each (about 2,000
/// incident messages), 1 to 3 models, scores 20-100; one anomaly per model of each version, linked to the incident,
/// then standalone ones up to 5,000 anomalies in all (some are ICS commands, which the projection adds to the device's
/// log).</item>
/// <item>Four sensors: three online (two protecting, one learning), one gone offline (a death); metrics every 30
/// minutes over the last day.</item>
/// </list>
/// Afterwards <see cref="Workflow"/> holds the analysts' steps: about 30 % of incidents closed, 20 % acknowledged,
/// 10 % assigned.
/// </summary>
public sealed class DashboardDataSet
{
    public const string Site = "plant-a";
    public const int SensorCount = 4;
    public const int AssetCount = 10_000;
    public const int IncidentCount = 1_000;
    public const int AnomalyCount = 5_000;
    private const int AssetsPerSensor = AssetCount / SensorCount;
    private const int HotDevices = 400;
    private static readonly TimeSpan History = TimeSpan.FromDays(30);
    private static readonly TimeSpan Learning = TimeSpan.FromDays(7);

    private readonly Random _random = new(20261127);
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset _start;
    private readonly long _run;
    private readonly long[] _sequence = new long[SensorCount];
    private readonly List<StoredMessage> _messages = new(AssetCount * 2 + IncidentCount * 3 + AnomalyCount + 400);
    private readonly List<(string Sensor, string IncidentId, string Action, string? Assignee)> _workflow = [];
    private readonly HashSet<string> _anomalyIds = new(StringComparer.Ordinal);
    private readonly AssetRecord _asset;
    private readonly BreachSummaryRecord _incident;
    private readonly AnomalyRecord _anomaly;
    private readonly SensorStatusRecord _birth;
    private readonly SensorMetricsRecord _metrics;
    private int _anomalies;

    public DashboardDataSet(DateTimeOffset now)
    {
        string golden = Path.Combine(GoldenBatches.RepoRoot(), "tests", "Edge.Contracts.Tests", "Golden");
        _asset = GoldenBatches.Read(golden, "asset.json", EdgeJsonContext.Default.AssetRecord);
        _incident = GoldenBatches.Read(golden, "incident.json", EdgeJsonContext.Default.BreachSummaryRecord);
        _anomaly = GoldenBatches.Read(golden, "anomaly.json", EdgeJsonContext.Default.AnomalyRecord);
        _birth = GoldenBatches.Read(golden, "status-birth.json", EdgeJsonContext.Default.SensorStatusRecord);
        _metrics = GoldenBatches.Read(golden, "metrics.json", EdgeJsonContext.Default.SensorMetricsRecord);
        _now = now;
        _start = now - History;
        _run = _start.ToUnixTimeMilliseconds();

        Sensors();
        for (int i = 0; i < AssetCount; i++)
        {
            Asset(i % SensorCount, i / SensorCount);
        }

        (int Sensor, int N)[] hot = [.. Enumerable.Range(0, HotDevices).Select(_ => (_random.Next(SensorCount), _random.Next(AssetsPerSensor)))];
        for (int k = 0; k < IncidentCount; k++)
        {
            (int sensor, int n) = hot[_random.Next(hot.Length)];
            Incident(sensor, Ip(sensor, n));
        }

        while (_anomalies < AnomalyCount)
        {
            int sensor = _random.Next(SensorCount);
            PlantCatalogModel model = PickModel();
            DateTimeOffset first = Between(_start + Learning, _now - TimeSpan.FromMinutes(5));
            Anomaly(sensor, Ip(sensor, _random.Next(AssetsPerSensor)), model, first, null);
        }

        // Arrival order: a sensor publishes each record when it is made, so the collector sees them by send time.
        _messages.Sort((a, b) => a.SentAt.CompareTo(b.SentAt));
    }

    /// <summary>The messages in arrival order.</summary>
    public IReadOnlyList<StoredMessage> Messages => _messages;

    /// <summary>Workflow steps for after ingest: (sensor, incident, "close" / "acknowledge" / "assign", assignee).</summary>
    public IReadOnlyList<(string Sensor, string IncidentId, string Action, string? Assignee)> Workflow => _workflow;

    public static string SensorName(int sensor) => string.Create(CultureInfo.InvariantCulture, $"sensor-{sensor + 1}");

    private static string Ip(int sensor, int n) => string.Create(CultureInfo.InvariantCulture, $"10.{20 + sensor}.{n / 250}.{n % 250 + 1}");

    private void Sensors()
    {
        for (int s = 0; s < SensorCount; s++)
        {
            bool learning = s == 2;
            Add(s, _birth with { BdSeq = 1, Phase = SensorStates.Learning, LearningProgress = 0, StartedAt = _start, Clock = _start }, "status", _start,
                EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord);
            DateTimeOffset restart = learning ? _now - TimeSpan.FromDays(2) : _start + Learning;
            Add(s, _birth with
            {
                BdSeq = 2,
                Phase = learning ? SensorStates.Learning : SensorStates.Protecting,
                LearningProgress = learning ? 2.0 / 7 : 1,
                LearningEndsAt = learning ? _now + TimeSpan.FromDays(5) : _start + Learning,
                StartedAt = restart,
                Clock = restart,
            }, "status", restart, EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord);
            if (s == SensorCount - 1)
            {
                DateTimeOffset died = _now - TimeSpan.FromHours(2);
                Add(s, SensorStatusRecord.Death(2, _birth.SensorVersion), "status", died, EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord);
            }

            long frames = 50_000_000L * (s + 1);
            for (DateTimeOffset t = _now - TimeSpan.FromDays(1); t < _now && (s < SensorCount - 1 || t < _now - TimeSpan.FromHours(2)); t += TimeSpan.FromMinutes(30))
            {
                frames += 1_800 * (2_000 + _random.Next(1_000));
                Add(s, _metrics with
                {
                    Time = t,
                    StartedAt = restart,
                    Frames = frames,
                    Bytes = frames * 180,
                    Drops = _random.Next(20),
                    Outbox = _metrics.Outbox with { Depth = _random.Next(8) },
                    Devices = AssetsPerSensor,
                }, "metrics", t, EdgeJsonContext.Default.EdgeEnvelopeSensorMetricsRecord);
            }
        }
    }

    private void Asset(int sensor, int n)
    {
        string ip = Ip(sensor, n);
        string role = PlantCatalog.PickRole(_random);
        ZoneAssignment zone = PlantCatalog.ZoneOf(role, _random);
        DateTimeOffset discovered = _random.Next(10) < 8
            ? Between(_start, _start + TimeSpan.FromDays(2))
            : Between(_start + TimeSpan.FromDays(2), _now - TimeSpan.FromMinutes(30));
        DeviceIdentity? identity = null;
        string? macVendor;
        switch (role)
        {
            case DeviceRoles.Plc or DeviceRoles.Hmi:
                (string vendor, string[] products) = PlantCatalog.OtVendors[_random.Next(PlantCatalog.OtVendors.Length)];
                macVendor = vendor;
                identity = new DeviceIdentity
                {
                    Vendor = vendor,
                    OrderNumber = products[_random.Next(products.Length)],
                    FirmwareVersion = string.Create(CultureInfo.InvariantCulture, $"V{2 + _random.Next(3)}.{_random.Next(10)}.{_random.Next(20)}"),
                    PlcName = string.Create(CultureInfo.InvariantCulture, $"{(role == DeviceRoles.Plc ? "PLC" : "HMI")}-{zone.Name}-{n:D4}"),
                    OperatingState = role == DeviceRoles.Plc ? "run" : null,
                    OperatingStateSince = role == DeviceRoles.Plc ? discovered : null,
                    Sources = [role == DeviceRoles.Plc ? "s7-szl" : "cip-identity"],
                };
                break;
            case DeviceRoles.NetworkInfrastructure:
                macVendor = PlantCatalog.NetworkVendors[_random.Next(PlantCatalog.NetworkVendors.Length)];
                break;
            default:
                macVendor = _random.Next(10) == 0 ? null : PlantCatalog.ItVendors[_random.Next(PlantCatalog.ItVendors.Length)];
                break;
        }

        AssetRecord record = _asset with
        {
            AssetId = ip,
            IpAddresses = [ip],
            MacAddresses = [string.Create(CultureInfo.InvariantCulture, $"02:ed:{20 + sensor:x2}:{n >> 8:x2}:{n & 0xff:x2}:{_random.Next(256):x2}")],
            Vlans = [10 * (1 + (zone.PurdueLevel ?? 0))],
            MacVendor = macVendor,
            FirstSeen = discovered,
            LastSeen = discovered + TimeSpan.FromMinutes(1 + _random.Next(10)),
            IsNew = discovered > _start + Learning,
            Identity = identity,
            Role = _asset.Role with { Role = role, Confidence = Math.Round(0.5 + _random.NextDouble() / 2, 2), Evidence = [role == DeviceRoles.Unknown ? "no traffic pattern matched" : "traffic pattern of a " + role] },
            Zone = zone,
            Peers = Peers(sensor, n, role),
        };
        Add(sensor, record, "asset", record.LastSeen + TimeSpan.FromSeconds(5), EdgeJsonContext.Default.EdgeEnvelopeAssetRecord);

        // The latest snapshot: most devices are still talking; a few changed since discovery.
        DateTimeOffset last = _random.Next(10) < 9 ? _now - TimeSpan.FromMinutes(_random.Next(360)) : Between(record.LastSeen, _now);
        if (last <= record.LastSeen + TimeSpan.FromMinutes(10))
        {
            return;
        }

        int change = _random.Next(100);
        DeviceIdentity? latest = identity switch
        {
            null => null,
            _ when change < 5 => identity with { FirmwareVersion = identity.FirmwareVersion + "-hf1" },
            _ when change < 8 && role == DeviceRoles.Plc => identity with { OperatingState = "stop", OperatingStateSince = last - TimeSpan.FromMinutes(3) },
            _ => identity,
        };
        RoleAssessment roleNow = role == DeviceRoles.Unknown && change >= 95 ? record.Role with { Role = DeviceRoles.ItHost, Confidence = 0.8 } : record.Role;
        AssetRecord snapshot = record with { LastSeen = last, IsNew = false, Identity = latest, Role = roleNow };
        Add(sensor, snapshot, "asset", last + TimeSpan.FromSeconds(5), EdgeJsonContext.Default.EdgeEnvelopeAssetRecord);
    }

    private List<PeerSummary> Peers(int sensor, int n, string role)
    {
        int count = role switch
        {
            DeviceRoles.Plc => 1 + _random.Next(4),
            DeviceRoles.Hmi or DeviceRoles.EngineeringWorkstation => 2 + _random.Next(8),
            DeviceRoles.NetworkInfrastructure => _random.Next(3),
            DeviceRoles.ItHost => _random.Next(7),
            _ => _random.Next(2),
        };
        var peers = new List<PeerSummary>(count);
        for (int p = 0; p < count; p++)
        {
            int other = _random.Next(AssetsPerSensor);
            if (other == n)
            {
                continue;
            }

            bool ics = role is DeviceRoles.Plc or DeviceRoles.Hmi or DeviceRoles.EngineeringWorkstation;
            (string protocol, int port, string function) = ics ? PlantCatalog.IcsServices[n % PlantCatalog.IcsServices.Length] : ItService();
            long packets = 10 + _random.Next(100_000);
            peers.Add(new PeerSummary
            {
                Peer = Ip(sensor, other),
                Protocol = protocol,
                ServerPort = port,
                Direction = role == DeviceRoles.Plc ? "server" : "client",
                Packets = packets,
                Bytes = packets * (60 + _random.Next(400)),
                Functions = [function],
            });
        }

        return peers;
    }

    private (string Protocol, int Port, string Function) ItService()
    {
        (string protocol, int port) = PlantCatalog.ItServices[_random.Next(PlantCatalog.ItServices.Length)];
        return (protocol, port, protocol + ":request");
    }

    private void Incident(int sensor, string device)
    {
        DateTimeOffset first = Between(_start + Learning, _now - TimeSpan.FromMinutes(20));
        string id = string.Create(CultureInfo.InvariantCulture, $"inc-{device}-{first.ToUnixTimeMilliseconds()}");
        int versions = _random.Next(10) switch { < 4 => 1, < 7 => 2, < 9 => 3, _ => 4 };
        bool closes = _random.Next(100) < 15;
        var models = new List<PlantCatalogModel>();
        var hits = new List<ModelHit>();
        DateTimeOffset last = first;
        int baseScore = 20 + _random.Next(70);
        for (int v = 1; v <= versions; v++)
        {
            if (v == 1 || (models.Count < 3 && _random.Next(2) == 0))
            {
                PlantCatalogModel added = PickModel();
                if (!models.Contains(added))
                {
                    models.Add(added);
                }
            }

            last += TimeSpan.FromMinutes(1 + _random.Next(30));
            if (last > _now - TimeSpan.FromMinutes(1))
            {
                last = _now - TimeSpan.FromMinutes(1);
            }

            hits.Clear();
            foreach (PlantCatalogModel m in models)
            {
                hits.Add(new ModelHit
                {
                    Model = m.Id,
                    Title = m.Title,
                    Score = baseScore,
                    Count = v,
                    FirstSeen = first,
                    LastSeen = last,
                    Techniques = [m.Technique.Id],
                    Evidence = [new EvidenceItem("device", device)],
                });
                Anomaly(sensor, device, m, last - TimeSpan.FromSeconds(30), id);
            }

            BreachSummaryRecord record = _incident with
            {
                IncidentId = id,
                Version = v,
                State = v == versions && closes ? "closed" : "open",
                Title = models[0].Title,
                Score = Math.Min(100, baseScore + 6 * (models.Count - 1) + 2 * (v - 1)),
                Device = device,
                RelatedDevices = [],
                FirstSeen = first,
                LastSeen = last,
                Models = [.. hits],
                Tactics = [.. models.SelectMany(m => m.Technique.Tactics).Distinct()],
                Techniques = [.. models.Select(m => m.Technique).Distinct()],
                Narrative = string.Create(CultureInfo.InvariantCulture, $"{device}: {string.Join(", ", models.Select(m => m.Title))}."),
            };
            Add(sensor, record, "incident", last + TimeSpan.FromSeconds(2), EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord);
        }

        int step = _random.Next(100);
        string sensorName = SensorName(sensor);
        if (step < 30)
        {
            _workflow.Add((sensorName, id, "close", null));
        }
        else if (step < 50)
        {
            _workflow.Add((sensorName, id, "acknowledge", null));
        }
        else if (step < 60)
        {
            _workflow.Add((sensorName, id, "assign", step < 55 ? "analyst-1" : "analyst-2"));
        }
    }

    private void Anomaly(int sensor, string device, PlantCatalogModel model, DateTimeOffset first, string? incidentId)
    {
        long ms = first.ToUnixTimeMilliseconds();
        string id;
        while (!_anomalyIds.Add(id = string.Create(CultureInfo.InvariantCulture, $"{model.Id}:{device}:{ms}")))
        {
            ms++;
        }

        int n = _random.Next(AssetsPerSensor);
        AnomalyRecord record = _anomaly with
        {
            AnomalyId = id,
            Model = model.Id,
            Title = model.Title,
            Score = 10 + _random.Next(91),
            Device = device,
            Peers = _random.Next(3) == 0 ? [] : [Ip(sensor, n), Ip(sensor, (n + 1) % AssetsPerSensor)],
            FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(ms),
            LastSeen = DateTimeOffset.FromUnixTimeMilliseconds(ms) + TimeSpan.FromSeconds(30),
            Techniques = [model.Technique.Id],
            IncidentId = incidentId,
        };
        Add(sensor, record, "anomaly", record.LastSeen + TimeSpan.FromSeconds(1), EdgeJsonContext.Default.EdgeEnvelopeAnomalyRecord);
        _anomalies++;
    }

    private PlantCatalogModel PickModel()
    {
        (string id, string title, AttackTechnique technique) = PlantCatalog.Models[_random.Next(PlantCatalog.Models.Length)];
        return new PlantCatalogModel(id, title, technique);
    }

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
        from + TimeSpan.FromMilliseconds(_random.NextDouble() * (to - from).TotalMilliseconds);

    private void Add<T>(int sensor, T record, string type, DateTimeOffset sentAt, JsonTypeInfo<EdgeEnvelope<T>> info)
        where T : class
    {
        string name = SensorName(sensor);
        string id = new MessageId(name, _run, ++_sequence[sensor]).ToString();
        string payload = JsonSerializer.Serialize(new EdgeEnvelope<T> { MessageId = id, Site = Site, Sensor = name, Type = type, Time = sentAt, Payload = record }, info);
        _messages.Add(new StoredMessage(id, Site, name, EdgeEnvelopes.KindOf(type), SchemaInfo.Version, sentAt,
            sentAt + TimeSpan.FromMilliseconds(20 + _random.Next(200)), record, payload));
    }

    private sealed record PlantCatalogModel(string Id, string Title, AttackTechnique Technique);
}
