namespace EdgeSensor.Plant.Devices;

/// <summary>Application services the plant model tells apart (one bit each in <see cref="ServiceMask"/>).</summary>
public enum ServiceKind : byte
{
    Unknown = 0,
    S7Comm,
    S7CommPlus,
    Modbus,
    EtherNetIp,
    Dnp3,
    OpcUa,
    Bacnet,
    Profinet,
    Iec104,
    Http,
    Tls,
    Rdp,
    Ssh,
    Telnet,
    Ftp,
    Smb,
    NetBios,
    Dns,
    Dhcp,
    Ntp,
    Snmp,
    Syslog,
    Ldap,
    Kerberos,
    Vnc,
    OtherTcp,
    OtherUdp,
}
