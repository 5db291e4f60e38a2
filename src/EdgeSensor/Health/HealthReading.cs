namespace EdgeSensor.Health;

/// <summary>
/// What one health check saw, as <see cref="HealthAlerts"/> judges it. Null means "not known now" (the capture has
/// not started or is a file, a file could not be read): an unknown reading never raises or clears an alert, except
/// that the no-traffic and drop alerts go when capture counting goes.
/// </summary>
public readonly record struct HealthReading(
    long? Frames,
    long? KernelDropped,
    long? InterfaceDropped,
    long? MemoryBytes,
    long? MemoryLimitBytes,
    long? DiskFreeBytes,
    long? DiskTotalBytes);
