using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Plant.Connections;

/// <summary>One transport conversation (5-tuple + VLAN), stored by value in <see cref="ConnectionTable"/>.</summary>
public struct Connection : Tables.ISeenSlot
{
    readonly bool Tables.ISeenSlot.IsOccupied => InUse;

    readonly long Tables.ISeenSlot.SeenAt => LastSeen;

    public FlowKey Key;
    public bool InUse;

    /// <summary>The client (the side that sent the SYN, or the side on the non-well-known port) is endpoint A.</summary>
    public bool ClientIsA;

    public ConnectionState State;
    public bool FinFromClient;
    public bool FinFromServer;

    public long FirstSeen;
    public long LastSeen;
    public long PacketsToServer;
    public long PacketsToClient;
    public long BytesToServer;
    public long BytesToClient;

    /// <summary>The relation this connection feeds, valid while <see cref="RelationGeneration"/> matches the table's.</summary>
    public int Relation;
    public int RelationGeneration;

    /// <summary>The failed attempt was counted already.</summary>
    public bool FailureCounted;
}
