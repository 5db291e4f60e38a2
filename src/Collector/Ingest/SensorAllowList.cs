using Edge.Contracts.Topics;

namespace Collector.Ingest;

/// <summary>
/// The sensors this collector accepts, as <c>site/sensor</c> pairs. Empty means any sensor holding a certificate from
/// the collector's CA, on any site; otherwise a certificate whose sensor id is not listed is refused at connect, and a
/// listed sensor publishing under a site it is not registered for is dead-lettered as an unknown sensor.
/// </summary>
public sealed class SensorAllowList
{
    private readonly HashSet<string> _sensors = new(StringComparer.Ordinal);
    private readonly HashSet<(string Site, string Sensor)> _pairs = [];

    public SensorAllowList(IEnumerable<string> entries)
    {
        foreach (string entry in entries)
        {
            int slash = entry.IndexOf('/', StringComparison.Ordinal);
            string site = slash < 0 ? string.Empty : entry[..slash];
            string sensor = slash < 0 ? string.Empty : entry[(slash + 1)..];
            if (!EdgeIds.IsValid(site) || !EdgeIds.IsValid(sensor))
            {
                throw new ArgumentException($"Sensor entry '{entry}' is not '<site>/<sensor>' with valid ids.", nameof(entries));
            }

            _sensors.Add(sensor);
            _pairs.Add((site, sensor));
        }
    }

    public bool IsOpen => _pairs.Count == 0;

    public bool IsKnownSensor(string sensor) => IsOpen || _sensors.Contains(sensor);

    public bool IsKnown(string site, string sensor) => IsOpen || _pairs.Contains((site, sensor));
}
