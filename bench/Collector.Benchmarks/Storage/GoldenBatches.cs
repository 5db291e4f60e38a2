using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Collector.Storage;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Messaging;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;

namespace Collector.Benchmarks.Storage;

/// <summary>
/// Batches of validated messages as the ingest writer hands them to a store, made from the contract's golden records
/// (tests/Edge.Contracts.Tests/Golden, found by walking up to Edge.sln). Every message of every batch has a new id,
/// so each is stored, never a duplicate. Out of ten: three incident updates (new version each), three new anomalies,
/// two asset updates, one metrics record, one birth; spread over four sensors of one site.
/// </summary>
public sealed class GoldenBatches
{
    private const string Site = "plant-a";
    private const int Sensors = 4;

    private readonly BreachSummaryRecord _incident;
    private readonly AnomalyRecord _anomaly;
    private readonly AssetRecord _asset;
    private readonly SensorStatusRecord _birth;
    private readonly SensorMetricsRecord _metrics;
    private readonly string[] _payloads;
    private readonly long _run = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private long _sequence;

    public GoldenBatches()
    {
        string golden = Path.Combine(RepoRoot(), "tests", "Edge.Contracts.Tests", "Golden");
        _incident = Read(golden, "incident.json", EdgeJsonContext.Default.BreachSummaryRecord);
        _anomaly = Read(golden, "anomaly.json", EdgeJsonContext.Default.AnomalyRecord);
        _asset = Read(golden, "asset.json", EdgeJsonContext.Default.AssetRecord);
        _birth = Read(golden, "status-birth.json", EdgeJsonContext.Default.SensorStatusRecord);
        _metrics = Read(golden, "metrics.json", EdgeJsonContext.Default.SensorMetricsRecord);

        // The payload as a sensor sends it (the envelope around the record), one per kind; its size is what is stored.
        _payloads =
        [
            Envelope(_incident, "incident", EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord),
            Envelope(_anomaly, "anomaly", EdgeJsonContext.Default.EdgeEnvelopeAnomalyRecord),
            Envelope(_asset, "asset", EdgeJsonContext.Default.EdgeEnvelopeAssetRecord),
            Envelope(_metrics, "metrics", EdgeJsonContext.Default.EdgeEnvelopeSensorMetricsRecord),
            Envelope(_birth, "status", EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord),
        ];
    }

    /// <summary>Average payload length in characters over one batch's mix.</summary>
    public double AveragePayloadLength => (3.0 * _payloads[0].Length + 3.0 * _payloads[1].Length + 2.0 * _payloads[2].Length + _payloads[3].Length + _payloads[4].Length) / 10;

    /// <summary>Replaces the list's content with <paramref name="count"/> new messages.</summary>
    public void Next(List<StoredMessage> batch, int count)
    {
        batch.Clear();
        for (int i = 0; i < count; i++)
        {
            long n = ++_sequence;
            string sensor = string.Create(CultureInfo.InvariantCulture, $"bench-{n % Sensors}");
            string id = string.Create(CultureInfo.InvariantCulture, $"{sensor}:{_run}:{n}");
            DateTimeOffset now = DateTimeOffset.UtcNow;
            (EdgeTopicKind kind, object record, string payload) = (n % 10) switch
            {
                0 or 1 or 2 => (EdgeTopicKind.Incidents, _incident with { Version = (int)(n % int.MaxValue) }, _payloads[0]),
                3 or 4 or 5 => (EdgeTopicKind.Anomalies, _anomaly with { AnomalyId = id }, _payloads[1]),
                6 or 7 => (EdgeTopicKind.Assets, _asset, _payloads[2]),
                8 => (EdgeTopicKind.Metrics, _metrics, _payloads[3]),
                _ => (EdgeTopicKind.Status, (object)_birth, _payloads[4]),
            };
            batch.Add(new StoredMessage(id, Site, sensor, kind, 1, now, now, record, payload));
        }
    }

    private static string Envelope<T>(T record, string type, JsonTypeInfo<EdgeEnvelope<T>> info)
        where T : class =>
        JsonSerializer.Serialize(new EdgeEnvelope<T>
        {
            MessageId = "bench-0:1:1",
            Site = Site,
            Sensor = "bench-0",
            Type = type,
            Time = DateTimeOffset.UtcNow,
            Payload = record,
        }, info);

    /// <summary>One golden record (also the templates of the dashboard's data set).</summary>
    internal static T Read<T>(string directory, string file, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(directory, file)), info)
        ?? throw new InvalidOperationException(file);

    /// <summary>The directory holding Edge.sln, found by walking up from the running benchmark.</summary>
    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
