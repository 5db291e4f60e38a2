using EdgeSensor.Plant.Devices;

namespace EdgeSensor.Plant;

/// <summary>An ICS request as detection sees it: on which relation, what it did, and whether the relation never did it before.</summary>
public readonly record struct IcsEvent(int Relation, ServiceKind Protocol, IcsEventKind Kind, IcsCategory Category, ushort Code, bool IsNew);
