using System.Globalization;

namespace EdgeSensor.Tests.Lab;

/// <summary>The lab's traffic: normal plant traffic, the incident's phases in order, and recording them at the tap.</summary>
public sealed partial class AttackLab
{
    public const int ItServerPort = 8080;

    /// <summary>
    /// Starts the plant's normal traffic for <paramref name="duration"/>: the HMI polls plc1 with mbpoll (FC3, 10
    /// holding registers, every second, one connection) and plc2 with s7_client.py (read DB1, every second, one
    /// connection); the IT workstation fetches the intranet page from it-srv every second (IT only). Disposing stops it.
    /// </summary>
    public LabTraffic StartNormalTraffic(TimeSpan duration)
    {
        string seconds = duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var traffic = new LabTraffic();
        traffic.Add(LabProcess.Start(Hmi.Namespace, "mbpoll", "-m", "tcp", "-a", "1", "-t", "4", "-r", "1", "-c", "10", "-l", "1000", Plc1.Address));
        traffic.Add(LabProcess.Start(Hmi.Namespace, "/usr/bin/python3", ScriptPath("s7_client.py"), "poll", Plc2.Address, seconds));
        traffic.Add(LabProcess.Start(ItWorkstation.Namespace, "/usr/bin/python3", ScriptPath("it_workstation.py"), ItServer.Address,
            ItServerPort.ToString(CultureInfo.InvariantCulture), seconds));
        return traffic;
    }

    public void RunNormalTraffic(TimeSpan duration)
    {
        using var traffic = StartNormalTraffic(duration);
        Thread.Sleep(duration);
    }

    /// <summary>
    /// Records normal traffic with the incident in the middle, at the sensor's tap (tcpdump -U -w), into
    /// <paramref name="pcapPath"/>: normal traffic for <paramref name="before"/>, the incident, then <paramref name="after"/>.
    /// The phase timeline goes beside it, in <c>&lt;pcapPath&gt;.phases.tsv</c>.
    /// </summary>
    public IncidentLog RecordIncident(string pcapPath, TimeSpan before, TimeSpan after)
    {
        using var capture = StartTapCapture(pcapPath);
        IncidentLog log;
        var normalDuration = before + after + TimeSpan.FromSeconds(60);
        using (StartNormalTraffic(normalDuration))
        {
            Thread.Sleep(before);
            log = RunIncident();
            Thread.Sleep(after);
        }

        Thread.Sleep(300);
        capture.Stop();
        log.Step("tap capture", (capture.DroppedByKernel == 0 ? 0 : 1, capture.Report, string.Empty));
        log.WriteTimeline(pcapPath + ".phases.tsv");
        return log;
    }

    /// <summary>
    /// The scenario recording (the demo's capture): <see cref="RecordedLearningPhase"/> of normal traffic first, so a
    /// sensor replaying it from scratch with <see cref="ScenarioLearningSeconds"/> of learning has its baseline before
    /// the laptop appears, then the incident and 3 s more.
    /// </summary>
    public IncidentLog RecordIncident(string pcapPath) => RecordIncident(pcapPath, RecordedLearningPhase, TimeSpan.FromSeconds(3));

    /// <summary>Learning period (capture time) for a sensor replaying the scenario recording, as the live incident test uses.</summary>
    public const int ScenarioLearningSeconds = 20;

    /// <summary>Normal traffic recorded before the incident: the learning period and 5 s of detection on normal traffic.</summary>
    public static readonly TimeSpan RecordedLearningPhase = TimeSpan.FromSeconds(ScenarioLearningSeconds + 5);

    /// <summary>The lab's zones: the IT segment is Purdue level 4, the OT segment level 1 (the external segment has none).</summary>
    public const string Zones = """
        { "zones": [
          { "name": "Computing", "purdueLevel": 4, "subnets": ["10.210.0.0/24"] },
          { "name": "Industrial", "purdueLevel": 1, "subnets": ["10.220.0.0/24"] } ] }
        """;

    /// <summary>Captures everything the sensor's tap sees (promiscuous, unfiltered) into a pcap until stopped.</summary>
    public TapCapture StartTapCapture(string pcapPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pcapPath))!);
        var tcpdump = LabProcess.Start(Sensor, "tcpdump", "-i", TapInterface, "-n", "-s", "65535", "-B", "65536", "--immediate-mode", "-U", "-Z", "root", "-w", pcapPath);
        if (!tcpdump.WaitForOutput("listening on", TimeSpan.FromSeconds(10)))
        {
            string output = tcpdump.Output;
            tcpdump.Dispose();
            throw new InvalidOperationException($"tcpdump did not start on the tap: {output}");
        }

        return new TapCapture(tcpdump, pcapPath);
    }

    /// <summary>
    /// Starts Edge's own sensor (the edge-sensor build beside the tests) inside the sensor namespace, e.g.
    /// <c>dissect --interface tap1 --protocol s7</c>; <see cref="LabService.Interrupt"/> stops it cleanly (SIGINT).
    /// </summary>
    public LabService StartSensor(params string[] arguments) =>
        LabProcess.Start(Sensor, "dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), .. arguments]);

    private static (int, string, string) Exec(AttackLabHost host, int timeoutSeconds, string program, params string[] args) =>
        LabProcess.Exec(host.Namespace, TimeSpan.FromSeconds(timeoutSeconds), program, args);
}
