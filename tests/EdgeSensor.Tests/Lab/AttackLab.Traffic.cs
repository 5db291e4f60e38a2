using System.Globalization;

namespace EdgeSensor.Tests.Lab;

/// <summary>The lab's traffic: normal plant traffic, the incident's phases in order, and recording them at the tap.</summary>
public sealed partial class AttackLab
{
    public const int ItServerPort = 8080;

    /// <summary>The RDP capture replayed as the laptop's admin session to the HMI (Wireshark sample, cookie mstshash=Administr).</summary>
    public const string RdpCapture = "rdp_admin-cookie-administr.pcap";

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
    /// The incident, in order: the new laptop appears on the IT segment, opens an admin RDP session to the HMI
    /// (replayed), scans the OT segment, calls home over TLS without SNI to a self-signed server, fails to reach
    /// ext:502, then talks Modbus to plc1 and S7 to plc2 (read, write, PLC STOP).
    /// </summary>
    public IncidentLog RunIncident()
    {
        var log = new IncidentLog();
        log.Begin();

        // 0. The laptop is plugged in (its switch port comes up); its first packets are ARP for and a ping to its gateway.
        Ip(Router, "link", "set", Laptop.Port, "up");
        log.Step("laptop appears", Exec(Laptop, 10, "ping", "-c", "2", "-i", "0.3", "-W", "1", It.RouterAddress));

        // (a) Admin RDP session into OT: a real client's capture rewritten onto laptop -> hmi and replayed from both ends.
        string replayDir = Path.Combine(WorkDirectory, "rdp");
        Directory.CreateDirectory(replayDir);
        int frames = PcapReplay.ReplayConversation(Support.SharedData.Pcap(RdpCapture),
            new PcapReplay.Side(Laptop.Namespace, Laptop.Address, Laptop.Mac, It.RouterMac),
            new PcapReplay.Side(Hmi.Namespace, Hmi.Address, Hmi.Mac, Ot.RouterMac), replayDir);
        log.Step("rdp replay", (0, string.Create(CultureInfo.InvariantCulture, $"{frames} frames replayed"), string.Empty));

        // (b) Scan of the OT segment (lab addresses only), SYN scan of the two ICS ports.
        log.Step("nmap scan", Exec(Laptop, 90, "nmap", "-n", "-Pn", "-sS", "-T4", "--max-retries", "1", "-p", "102,502", $"{Ot.Prefix}.0/24"));

        // (c) Call home: TLS without SNI to the external host's self-signed server (stdin closed: handshake, then quit).
        log.Step("tls call home", Exec(Laptop, 15, "openssl", "s_client", "-connect", $"{External.Address}:{ExternalTlsPort}", "-noservername"));

        // (d) Failed connections: Modbus/TCP to the external host, where nothing listens (RST answers).
        log.Step("refused ext:502", Exec(Laptop, 15, "/usr/bin/python3", "-c",
            "import socket, time\n" +
            "for _ in range(3):\n" +
            "    try:\n" +
            $"        socket.create_connection(('{External.Address}', 502), 2).close()\n" +
            "    except ConnectionRefusedError:\n" +
            "        print('refused')\n" +
            "    time.sleep(0.3)\n"));

        // (e) Modbus to plc1 (read 10 holding registers, then write two) and S7 to plc2 (SZL, read, write, PLC STOP).
        log.Step("modbus read", Exec(Laptop, 15, "mbpoll", "-m", "tcp", "-a", "1", "-t", "4", "-r", "1", "-c", "10", "-1", Plc1.Address));
        log.Step("modbus write", Exec(Laptop, 15, "mbpoll", "-m", "tcp", "-a", "1", "-t", "4", "-r", "10", Plc1.Address, "4242", "17"));
        log.Step("s7 attack", Exec(Laptop, 15, "/usr/bin/python3", ScriptPath("s7_client.py"), "attack", Plc2.Address));
        return log;
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
        log.WriteTimeline(pcapPath + ".phases.tsv");
        return log;
    }

    public IncidentLog RecordIncident(string pcapPath) => RecordIncident(pcapPath, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2));

    /// <summary>Captures everything the sensor's tap sees (promiscuous, unfiltered) into a pcap until stopped.</summary>
    public TapCapture StartTapCapture(string pcapPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pcapPath))!);
        var tcpdump = LabProcess.Start(Sensor, "tcpdump", "-i", TapInterface, "-n", "-s", "0", "--immediate-mode", "-U", "-Z", "root", "-w", pcapPath);
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

/// <summary>Background traffic generators; disposing stops them.</summary>
public sealed class LabTraffic : IDisposable
{
    private readonly List<LabService> _generators = [];

    public void Add(LabService generator) => _generators.Add(generator);

    public void Dispose()
    {
        foreach (var g in _generators)
        {
            g.Dispose();
        }
    }
}

/// <summary>A tcpdump on the sensor's tap; <see cref="Stop"/> (or dispose) ends it with SIGINT so the file is complete.</summary>
public sealed class TapCapture(LabService tcpdump, string path) : IDisposable
{
    public string Path { get; } = path;

    public void Stop() => tcpdump.Interrupt(TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        Stop();
        tcpdump.Dispose();
    }
}

/// <summary>What each incident phase ran and how it ended (exit code and output), for assertions and reports.</summary>
public sealed class IncidentLog
{
    private readonly List<IncidentStep> _steps = [];

    public IReadOnlyList<IncidentStep> Steps => _steps;

    public IncidentStep this[string name] => _steps.Single(s => s.Name == name);

    private DateTimeOffset _stepStart = DateTimeOffset.UtcNow;

    /// <summary>Marks the start of the next step (steps otherwise start where the previous one ended).</summary>
    internal void Begin() => _stepStart = DateTimeOffset.UtcNow;

    internal void Step(string name, (int ExitCode, string Stdout, string Stderr) result)
    {
        var end = DateTimeOffset.UtcNow;
        _steps.Add(new IncidentStep(name, _stepStart, end, result.ExitCode, result.Stdout, result.Stderr));
        _stepStart = end;
    }

    /// <summary>The phase timeline (UTC, ISO 8601), one row per step, to go beside the recording.</summary>
    public void WriteTimeline(string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("phase\tstart_utc\tend_utc\texit_code");
        foreach (var s in _steps)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Name}\t{s.Started.UtcDateTime:O}\t{s.Ended.UtcDateTime:O}\t{s.ExitCode}"));
        }
    }

    public override string ToString() =>
        string.Join('\n', _steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}: rc={s.ExitCode}")));
}

public sealed record IncidentStep(string Name, DateTimeOffset Started, DateTimeOffset Ended, int ExitCode, string Stdout, string Stderr);
