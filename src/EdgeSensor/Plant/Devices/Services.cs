namespace EdgeSensor.Plant.Devices;

/// <summary>Well-known server ports (IANA service registry, vendor documentation) to services, and their names.</summary>
public static class Services
{
    public static readonly ServiceMask Ics = ServiceMask.Of(
        ServiceKind.S7Comm, ServiceKind.S7CommPlus, ServiceKind.Modbus, ServiceKind.EtherNetIp, ServiceKind.Dnp3,
        ServiceKind.OpcUa, ServiceKind.Bacnet, ServiceKind.Profinet, ServiceKind.Iec104);

    public static ServiceKind FromPort(byte ipProtocol, ushort port) => ipProtocol == 6
        ? port switch
        {
            102 => ServiceKind.S7Comm,
            502 => ServiceKind.Modbus,
            44818 => ServiceKind.EtherNetIp,
            20000 => ServiceKind.Dnp3,
            4840 => ServiceKind.OpcUa,
            2404 => ServiceKind.Iec104,
            80 or 8080 or 8000 => ServiceKind.Http,
            443 or 8443 or 4443 => ServiceKind.Tls,
            3389 => ServiceKind.Rdp,
            22 => ServiceKind.Ssh,
            23 => ServiceKind.Telnet,
            20 or 21 => ServiceKind.Ftp,
            445 => ServiceKind.Smb,
            139 => ServiceKind.NetBios,
            53 => ServiceKind.Dns,
            389 or 636 => ServiceKind.Ldap,
            88 => ServiceKind.Kerberos,
            5900 => ServiceKind.Vnc,
            _ => ServiceKind.OtherTcp,
        }
        : port switch
        {
            53 => ServiceKind.Dns,
            67 or 68 => ServiceKind.Dhcp,
            123 => ServiceKind.Ntp,
            137 or 138 => ServiceKind.NetBios,
            161 or 162 => ServiceKind.Snmp,
            514 => ServiceKind.Syslog,
            88 => ServiceKind.Kerberos,
            2222 or 44818 => ServiceKind.EtherNetIp,
            47808 => ServiceKind.Bacnet,
            20000 => ServiceKind.Dnp3,
            34964 => ServiceKind.Profinet,
            _ => ServiceKind.OtherUdp,
        };

    /// <summary>True for ports a server listens on, used to tell client from server when no SYN was seen.</summary>
    public static bool IsWellKnown(byte ipProtocol, ushort port) => port < 1024 || FromPort(ipProtocol, port) is not (ServiceKind.OtherTcp or ServiceKind.OtherUdp);

    public static string Name(ServiceKind kind) => kind switch
    {
        ServiceKind.S7Comm => "s7comm",
        ServiceKind.S7CommPlus => "s7comm-plus",
        ServiceKind.Modbus => "modbus",
        ServiceKind.EtherNetIp => "enip",
        ServiceKind.Dnp3 => "dnp3",
        ServiceKind.OpcUa => "opcua",
        ServiceKind.Bacnet => "bacnet",
        ServiceKind.Profinet => "profinet",
        ServiceKind.Iec104 => "iec104",
        ServiceKind.Http => "http",
        ServiceKind.Tls => "tls",
        ServiceKind.Rdp => "rdp",
        ServiceKind.Ssh => "ssh",
        ServiceKind.Telnet => "telnet",
        ServiceKind.Ftp => "ftp",
        ServiceKind.Smb => "smb",
        ServiceKind.NetBios => "netbios",
        ServiceKind.Dns => "dns",
        ServiceKind.Dhcp => "dhcp",
        ServiceKind.Ntp => "ntp",
        ServiceKind.Snmp => "snmp",
        ServiceKind.Syslog => "syslog",
        ServiceKind.Ldap => "ldap",
        ServiceKind.Kerberos => "kerberos",
        ServiceKind.Vnc => "vnc",
        ServiceKind.OtherTcp => "tcp",
        ServiceKind.OtherUdp => "udp",
        _ => "unknown",
    };
}
