namespace EdgeSensor.Plant.Baselines;

/// <summary>Who talks to whom over what: client device, server device, transport and server port.</summary>
public readonly record struct RelationKey(int Client, int Server, byte Transport, ushort ServerPort);
