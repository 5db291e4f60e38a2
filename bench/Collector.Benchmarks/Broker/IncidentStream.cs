using System.Globalization;
using System.Text.Json;
using Collector.Benchmarks.Storage;
using Edge.Contracts.Detection;
using Edge.Contracts.Messaging;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;

namespace Collector.Benchmarks.Broker;

/// <summary>
/// Incident messages as a sensor publishes them, from the contract's golden incident (tests/Edge.Contracts.Tests/Golden):
/// the envelope with a new message id <c>&lt;sensor&gt;:&lt;run&gt;:&lt;seq&gt;</c> and a new incident version each, so every
/// message is stored (a new row in <c>messages</c> and in <c>incident_versions</c>), never a duplicate.
/// </summary>
public sealed class IncidentStream
{
    private readonly BreachSummaryRecord _incident;
    private readonly string _site;
    private readonly long _run = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly Dictionary<string, int> _sequence = new(StringComparer.Ordinal);

    public IncidentStream(string site)
    {
        _site = site;
        string golden = Path.Combine(GoldenBatches.RepoRoot(), "tests", "Edge.Contracts.Tests", "Golden");
        _incident = GoldenBatches.Read(golden, "incident.json", EdgeJsonContext.Default.BreachSummaryRecord);
    }

    /// <summary>The topic <paramref name="sensor"/> publishes its incidents on.</summary>
    public string Topic(string sensor) => EdgeTopics.IncidentsTopic(_site, sensor);

    /// <summary>The next message of <paramref name="sensor"/>: its payload (UTF-8 JSON envelope).</summary>
    public byte[] Next(string sensor)
    {
        ref int sequence = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_sequence, sensor, out _);
        sequence++;
        return JsonSerializer.SerializeToUtf8Bytes(new EdgeEnvelope<BreachSummaryRecord>
        {
            MessageId = string.Create(CultureInfo.InvariantCulture, $"{sensor}:{_run}:{sequence}"),
            Site = _site,
            Sensor = sensor,
            Type = "incident",
            Time = DateTimeOffset.UtcNow,
            Payload = _incident with { Version = sequence },
        }, EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord);
    }
}
