namespace EdgeSensor.Tests.Lab;

/// <summary>Background traffic generators; disposing stops them.</summary>
public sealed class LabTraffic : IDisposable
{
    private readonly List<LabService> _generators = [];

    public void Add(LabService generator) => _generators.Add(generator);

    public void Dispose()
    {
        foreach (var g in _generators)
        {
            g.Dispose();
        }
    }
}
