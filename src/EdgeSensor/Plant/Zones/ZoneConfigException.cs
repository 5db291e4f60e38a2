namespace EdgeSensor.Plant.Zones;

/// <summary>A zones file that cannot be used; the message is one line saying why.</summary>
public sealed class ZoneConfigException(string message) : Exception(message);
