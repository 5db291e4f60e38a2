using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant.Baselines;

/// <summary>
/// A learned relation (client, server, transport, server port) and what travels over it: counts and request timing.
/// What ICS requests it carried (functions, unit ids, SZL ids, data blocks, address ranges) is kept apart in an
/// <see cref="IcsRelationDetail"/>, made only for relations that carry ICS: most relations of a plant are IT ones.
/// Unmanaged, stored by value, updated in place.
/// </summary>
public struct Relation : Tables.ISeenSlot
{
    readonly bool Tables.ISeenSlot.IsOccupied => true;

    readonly long Tables.ISeenSlot.SeenAt => LastSeen;

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

    /// <summary>1 + index of the ICS detail (functions, unit ids, SZLs, DBs, address ranges) in the relation table; 0 = none (an IT relation).</summary>
    public int IcsDetail;
}
