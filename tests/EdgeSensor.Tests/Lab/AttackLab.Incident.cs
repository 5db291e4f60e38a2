namespace EdgeSensor.Tests.Lab;

/// <summary>The incident's phases, each usable on its own; <see cref="RunIncident"/> runs them in the incident's order.</summary>
public sealed partial class AttackLab
{
    /// <summary>The cookie user of the laptop's RDP connection request (an admin-like name for unusual-admin-rdp).</summary>
    public const string RdpUser = "administrator";

    /// <summary>
    /// The incident, in order: the new laptop appears on the IT segment, opens an admin RDP session to the HMI, scans
    /// the OT segment, calls home over TLS without SNI to a self-signed server, fails to reach ext:502, then talks
    /// Modbus to plc1 and S7 to plc2 (read, write, PLC STOP).
    /// </summary>
    public IncidentLog RunIncident()
    {
        var log = new IncidentLog();
        LaptopAppears(log);
        RdpAdminSession(log);
        ScanOt(log);
        CallHome(log);
        FailedConnectionsToExternal(log);
        IcsAccess(log);
        return log;
    }

    /// <summary>The laptop is plugged in (its switch port comes up); its first packets are ARP for and a ping to its gateway.</summary>
    public void LaptopAppears(IncidentLog log)
    {
        log.Begin();
        Ip(Router, "link", "set", Laptop.Port, "up");
        log.Step("laptop appears", Exec(Laptop, 10, "ping", "-c", "2", "-i", "0.3", "-W", "1", It.RouterAddress));
    }

    /// <summary>
    /// (a) Admin RDP session into OT: rdp_client.py connects to the HMI's listener (rdp_server.py) on 3389 with cookie
    /// <c>mstshash=administrator</c>, gets TLS selected, does the TLS handshake and closes (no credentials sent).
    /// </summary>
    public void RdpAdminSession(IncidentLog log)
    {
        log.Begin();
        log.Step("rdp session", Exec(Laptop, 15, "/usr/bin/python3", ScriptPath("rdp_client.py"), Hmi.Address, RdpUser));
    }

    /// <summary>(b) SYN scan of the two ICS ports over the OT segment (lab addresses only).</summary>
    public void ScanOt(IncidentLog log)
    {
        log.Begin();
        log.Step("nmap scan", Exec(Laptop, 90, "nmap", "-n", "-Pn", "-sS", "-T4", "--max-retries", "1", "-p", "102,502", $"{Ot.Prefix}.0/24"));
    }

    /// <summary>(c) Call home: TLS without SNI to the external host's self-signed server (stdin closed: handshake, then quit).</summary>
    public void CallHome(IncidentLog log)
    {
        log.Begin();
        log.Step("tls call home", Exec(Laptop, 15, "openssl", "s_client", "-connect", $"{External.Address}:{ExternalTlsPort}", "-noservername"));
    }

    /// <summary>(d) Failed connections: Modbus/TCP to the external host, where nothing listens (RST answers), three tries.</summary>
    public void FailedConnectionsToExternal(IncidentLog log)
    {
        log.Begin();
        log.Step("refused ext:502", Exec(Laptop, 15, "/usr/bin/python3", "-c",
            "import socket, time\n" +
            "for _ in range(3):\n" +
            "    try:\n" +
            $"        socket.create_connection(('{External.Address}', 502), 2).close()\n" +
            "    except ConnectionRefusedError:\n" +
            "        print('refused')\n" +
            "    time.sleep(0.3)\n"));
    }

    /// <summary>(e) Modbus to plc1 (read 10 holding registers, then write two) and S7 to plc2 (SZL, read, write, PLC STOP).</summary>
    public void IcsAccess(IncidentLog log)
    {
        log.Begin();
        log.Step("modbus read", Exec(Laptop, 15, "mbpoll", "-m", "tcp", "-a", "1", "-t", "4", "-r", "1", "-c", "10", "-1", Plc1.Address));
        log.Step("modbus write", Exec(Laptop, 15, "mbpoll", "-m", "tcp", "-a", "1", "-t", "4", "-r", "10", Plc1.Address, "4242", "17"));
        log.Step("s7 attack", Exec(Laptop, 15, "/usr/bin/python3", ScriptPath("s7_client.py"), "attack", Plc2.Address));
    }
}
