using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Pipeline;

/// <summary>One tracked ICS TCP connection, stored by value in <see cref="FlowTable"/> and updated in place.</summary>
public struct IcsFlow : Tables.ISeenSlot
{
    readonly bool Tables.ISeenSlot.IsOccupied => InUse;

    readonly long Tables.ISeenSlot.SeenAt => LastSeen;

    public FlowKey Key;
    public IcsProtocol Protocol;
    public bool InUse;

    /// <summary>FIN in both directions or RST seen: segments are ignored until a new SYN.</summary>
    public bool Closed;

    /// <summary>The server (ICS port) side is endpoint B of the key.</summary>
    public bool ServerIsB;

    /// <summary>Sequential id in order of first appearance.</summary>
    public int Id;

    /// <summary>Capture time in microseconds.</summary>
    public long FirstSeen;
    public long LastSeen;

    /// <summary>Client-to-server direction state and server-to-client direction state.</summary>
    public IcsFlowDirection ToServer;
    public IcsFlowDirection ToClient;

    /// <summary>Modbus requests waiting for their response.</summary>
    public ModbusTransactionTable Transactions;
}
