namespace EdgeSensor.Pipeline;

/// <summary>The SZL (system status list) id and index an S7 userdata PDU reads, when it reads one.</summary>
public readonly record struct SzlReference(bool Present, ushort Id, ushort Index);
