namespace EdgeSensor.Decoding.Packet;

/// <summary>The link-layer header type of a capture (tcpdump.org LINKTYPE_ values).</summary>
public enum LinkType : ushort
{
    Null = 0,
    Ethernet = 1,
    Raw = 101,
    LinuxSll = 113,
    LinuxSll2 = 276,
}
