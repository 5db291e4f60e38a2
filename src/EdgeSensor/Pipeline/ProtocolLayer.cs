namespace EdgeSensor.Pipeline;

/// <summary>The decoder that answered; indexes the malformed-reason counters.</summary>
public enum ProtocolLayer : byte
{
    Packet = 0,
    Modbus = 1,
    IsoOnTcp = 2,
    S7Comm = 3,
    S7CommPlus = 4,
    Tls = 5,
    Rdp = 6,
}
