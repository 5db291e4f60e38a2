using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant.Baselines;

/// <summary>
/// A learned relation (client, server, transport, server port) and what travels over it: counts, the ICS functions
/// used, SZL ids read, Modbus unit ids and address ranges, S7 data blocks. Unmanaged, stored by value, updated in place.
/// </summary>
public struct Relation
{
    public RelationKey Key;
    public ServiceKind Service;
    public long FirstSeen;
    public long LastSeen;

    /// <summary>First seen after the learning period ended.</summary>
    public bool IsNew;

    public long Connections;
    public long FailedConnections;
    public long PacketsToServer;
    public long PacketsToClient;
    public long BytesToServer;
    public long BytesToClient;

    /// <summary>ICS requests sent over the relation, and first/last request time (for polling regularity).</summary>
    public long Requests;
    public long ReadRequests;
    public long WriteRequests;
    public long FirstRequest;
    public long LastRequest;

    /// <summary>Modbus function codes (raw byte of the request) and unit ids used.</summary>
    public Bitmap256 ModbusFunctions;
    public Bitmap256 ModbusUnitIds;
    public ushort ModbusReadLow;
    public ushort ModbusReadHigh;
    public ushort ModbusWriteLow;
    public ushort ModbusWriteHigh;
    public bool ModbusReadRangeSet;
    public bool ModbusWriteRangeSet;

    /// <summary>S7 job functions (parameter function byte), userdata function group/subfunction pairs and S7comm-plus functions (low byte).</summary>
    public Bitmap256 S7Functions;
    public Bitmap256 S7UserdataFunctions;
    public Bitmap256 S7PlusFunctions;
    public SmallSet16 SzlIds;
    public SmallSet16 DataBlocks;
}
