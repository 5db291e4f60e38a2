namespace EdgeSensor.Hosting;

/// <summary>A configuration the sensor cannot run with; the message is one line saying why.</summary>
public sealed class SensorConfigException(string message) : Exception(message);
