using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Messaging;

namespace Edge.Contracts.Tests.Serialization;

/// <summary>Fixed samples of every wire record, shared by the golden and round-trip tests. Changing one changes a golden file.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);

    public static AssetRecord Asset() => new()
    {
        AssetId = "10.220.0.30",
        IpAddresses = ["10.220.0.30"],
        MacAddresses = ["02:ed:0a:dc:00:1e"],
        Vlans = [10],
        MacVendor = "Siemens AG",
        FirstSeen = T0,
        LastSeen = T0.AddHours(1),
        Identity = new DeviceIdentity
        {
            Vendor = "Siemens",
            OrderNumber = "6ES7 315-2EH14-0AB0",
            PlcName = "<script>alert(1)</script>",
            Sources = ["s7-szl"],
        },
        Role = new RoleAssessment { Role = DeviceRoles.Plc, Confidence = 0.97, Evidence = ["answers s7comm on port 102"] },
        Zone = new ZoneAssignment { Name = "Industrial", PurdueLevel = 1, Source = "config", Domain = "ot" },
        ProtocolsServed = ["s7comm"],
        ProtocolsUsed = [],
        Peers =
        [
            new PeerSummary
            {
                Peer = "10.220.0.10", Protocol = "s7comm", ServerPort = 102, Direction = "server",
                Packets = 1200, Bytes = 96000, Functions = ["s7:read-var"],
            },
        ],
        Traffic = new TrafficSummary
        {
            PacketsSent = 600, PacketsReceived = 600, BytesSent = 48000, BytesReceived = 48000, FanOut = 1,
            FailedConnections = 0, BytesPerMinuteMean = 1600.5, BytesPerMinuteStdDev = 12.25,
            ActiveMinutesByHour = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0],
        },
    };

    public static AnomalyRecord Anomaly() => new()
    {
        AnomalyId = "ot-scan:10.220.0.99:1795809600000",
        Model = "ot-scan",
        Title = "Scan of OT devices",
        Score = 85,
        Device = "10.220.0.99",
        Peers = ["10.220.0.30", "10.220.0.31"],
        FirstSeen = T0,
        LastSeen = T0.AddSeconds(30),
        Techniques = ["T0846"],
        Evidence = [new EvidenceItem("peers probed", "2"), new EvidenceItem("port", "102")],
        IncidentId = "inc-10.220.0.99-1795809600000",
    };

    public static BreachSummaryRecord Incident(string state = "open", int version = 2, int score = 100) => new()
    {
        IncidentId = "inc-10.220.0.99-1795809600000",
        Version = version,
        State = state,
        Title = "New laptop scanned the PLCs and read their identity",
        Score = score,
        Device = "10.220.0.99",
        RelatedDevices = ["10.220.0.30", "10.220.0.31"],
        FirstSeen = T0,
        LastSeen = T0.AddMinutes(5),
        Models =
        [
            new ModelHit
            {
                Model = "new-device", Title = "New device on the OT network", Score = 60, Count = 1,
                FirstSeen = T0, LastSeen = T0, Techniques = ["T0864"], Evidence = [new EvidenceItem("mac", "02:ed:0a:dc:00:63")],
            },
            new ModelHit
            {
                Model = "ot-scan", Title = "Scan of OT devices", Score = 85, Count = 3,
                FirstSeen = T0.AddSeconds(10), LastSeen = T0.AddMinutes(5), Techniques = ["T0846"], Evidence = [],
            },
        ],
        Tactics = ["Lateral Movement", "Discovery"],
        Techniques =
        [
            new AttackTechnique("T0864", "Transient Cyber Asset", ["Lateral Movement"]),
            new AttackTechnique("T0846", "Remote System Discovery", ["Discovery"]),
            new AttackTechnique("T0886", "Remote Services", ["Initial Access", "Lateral Movement"]),
        ],
        Narrative = "A device never seen during learning (10.220.0.99) appeared & probed 2 PLCs on port 102.",
    };

    public static SensorStatusRecord Birth() => new()
    {
        State = SensorStates.Online,
        BdSeq = 7,
        Phase = SensorStates.Learning,
        SensorVersion = "0.4.0+abc1234",
        CaptureInterface = "eth1",
        LearningProgress = 0.25,
        LearningEndsAt = T0.AddDays(7),
        StartedAt = T0,
        UptimeSeconds = 3600,
        Clock = T0.AddHours(1),
        ClockSynchronized = true,
    };

    public static SensorStatusRecord Death() => SensorStatusRecord.Death(bdSeq: 7, sensorVersion: "0.4.0+abc1234");

    public static SensorMetricsRecord Metrics() => new()
    {
        Time = T0.AddHours(1),
        StartedAt = T0,
        Frames = 1_000_000,
        Bytes = 123_456_789,
        Drops = 12,
        Malformed = new Dictionary<string, long> { ["modbus.bad-length"] = 3, ["s7.bad-header"] = 1 },
        Flows = 42,
        Outbox = new OutboxMetrics { Depth = 5, Bytes = 8192, Dropped = 0 },
        Devices = 17,
        Relations = 33,
        Anomalies = 4,
        Incidents = 1,
        OpenIncidents = 1,
    };

    /// <summary>Metrics of a live sensor with its health: memory near its cap, drops and no traffic alerted.</summary>
    public static SensorMetricsRecord MetricsWithHealth() => Metrics() with
    {
        Health = new SensorHealth
        {
            CpuPercent = 12.5,
            MemoryBytes = 251_658_240,
            MemoryLimitBytes = 268_435_456,
            TemperatureCelsius = 48.312,
            DiskFreeBytes = 1_073_741_824,
            DiskTotalBytes = 8_589_934_592,
            Capture = new CaptureHealth { Received = 1_000_012, KernelDropped = 12, InterfaceDropped = 0, DroppedBySensor = 0 },
            UptimeSeconds = 3600,
            Alerts =
            [
                new HealthAlert { Code = HealthAlertCodes.CaptureDrops, Since = T0.AddMinutes(55), Detail = "12 frames dropped since 20:55:00 UTC (kernel 12, interface 0)" },
                new HealthAlert { Code = HealthAlertCodes.MemoryHigh, Since = T0.AddMinutes(58), Detail = "240 MiB resident of a 256 MiB cap (93.8 %)" },
            ],
        },
    };

    /// <summary>A birth after a run that systemd's watchdog killed.</summary>
    public static SensorStatusRecord BirthAfterCrash() => Birth() with
    {
        PreviousExit = new PreviousExit
        {
            Clean = false,
            Result = "watchdog",
            Signal = "ABRT",
            Source = PreviousExitResults.SourceSystemd,
            At = T0.AddSeconds(-30),
        },
    };

    public static EdgeEnvelope<AnomalyRecord> AnomalyEnvelope() => new()
    {
        MessageId = MessageId.Create("s7-line1", 1795809600000, 42).ToString(),
        Site = "plant-a",
        Sensor = "s7-line1",
        Type = "anomaly",
        Time = T0.AddSeconds(31),
        Payload = Anomaly(),
    };

    public static EdgeEnvelope<SensorStatusRecord> WillEnvelope() => new()
    {
        MessageId = MessageId.Create("s7-line1", 1795809600000, 1).ToString(),
        Site = "plant-a",
        Sensor = "s7-line1",
        Type = "status",
        Time = T0,
        Payload = Death(),
    };
}
