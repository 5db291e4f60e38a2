namespace EdgeSensor.Tests.Lab;

/// <summary>A tcpdump on the sensor's tap; <see cref="Stop"/> (or dispose) ends it with SIGINT so the file is complete.</summary>
public sealed class TapCapture(LabService tcpdump, string path) : IDisposable
{
    public string Path { get; } = path;

    public void Stop() => tcpdump.Interrupt(TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        Stop();
        tcpdump.Dispose();
    }
}
