using System.Net.Http;
using System.Text;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Topics;

namespace Collector.Tests.EndToEnd;

/// <summary>
/// The real collector app with <c>--db postgres://...</c>: a sensor publishes over mutual TLS to the embedded broker,
/// and every row lands in PostgreSQL (none in a SQLite file).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CollectorOnPostgresTests(PostgresServer server) : IDisposable
{
    private const string Site = "plant-a";
    private const string SensorId = "s7-line1";
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-collector-").FullName;

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [SkippableFact]
    public async Task Messages_from_a_sensor_over_mutual_tls_are_stored_in_postgres()
    {
        PostgresDatabase database = server.CreateDatabase();
        await using TestCollector collector = await TestCollector.StartAsync(_pki, _data, TestCollector.FreePort(), "--db", database.Url, DashboardSession.AdminPasswordArgument);
        await using var sensor = new TestSensor(collector.Port, _pki.Ca, _pki.IssueClient(SensorId), SensorId);
        await sensor.ConnectAsync();

        byte[] incident = Samples.IncidentMessage(Site, SensorId, "s7-line1:1000:2");
        await Publish(sensor, EdgeTopicKind.Status, Samples.StatusMessage(Site, SensorId, "s7-line1:1000:1", Samples.Birth with { BdSeq = 4 }));
        await Publish(sensor, EdgeTopicKind.Incidents, incident);
        await Publish(sensor, EdgeTopicKind.Incidents, incident);
        await Publish(sensor, EdgeTopicKind.Anomalies, Samples.AnomalyMessage(Site, SensorId, "s7-line1:1000:3"));
        await Publish(sensor, EdgeTopicKind.Assets, Samples.AssetMessage(Site, SensorId, "s7-line1:1000:4"));
        await Publish(sensor, EdgeTopicKind.Status, Samples.StatusMessage(Site, SensorId, "s7-line1:1000:5", SensorStatusRecord.Death(3)));
        var bad = await sensor.PublishAsync(EdgeTopics.IncidentsTopic(Site, SensorId), Encoding.UTF8.GetBytes("{\"schemaVersion\":1,"));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid, bad.ReasonCode);

        Assert.Equal(5, database.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(1, collector.Counters.Duplicates);
        Assert.Equal([$"{SensorId}|online|4"], database.Strings("SELECT sensor || '|' || state || '|' || bd_seq FROM sensors"));
        Assert.Equal(["1", "0"], database.Strings("SELECT applied FROM status_events ORDER BY message_id"));
        Assert.Equal([$"{Samples.Incident.IncidentId}|{Samples.Incident.Version}"], database.Strings("SELECT incident_id || '|' || version FROM incidents"));
        Assert.Equal(1, database.Scalar("SELECT count(*) FROM incident_versions"));
        Assert.Equal([Samples.Anomaly.AnomalyId], database.Strings("SELECT anomaly_id FROM anomalies"));
        Assert.Equal([Samples.Asset.AssetId], database.Strings("SELECT asset_id FROM assets"));
        Assert.Equal(["bad-json|" + SensorId], database.Strings("SELECT reason || '|' || client_id FROM dead_letters"));
        Assert.Equal([Samples.Incident.Device], database.Strings("SELECT DISTINCT payload::jsonb #>> '{payload,device}' FROM messages WHERE kind = 'incidents'"));
        Assert.False(File.Exists(collector.DatabasePath), "with --db postgres://... no SQLite file is made");

        // The dashboard reads and writes the same database: every page and API list renders from PostgreSQL.
        using HttpClient http = await DashboardSession.AdminAsync(collector);
        foreach (string path in new[] { "/", "/incidents", "/assets", "/map", "/sensors", "/account", "/api/overview", "/api/assets?q=siemens", "/api/anomalies", "/api/sensors",
                     $"/incidents/{SensorId}/{Samples.Incident.IncidentId}", $"/assets/{SensorId}/{Samples.Asset.AssetId}", $"/api/incidents/{SensorId}/{Samples.Incident.IncidentId}/ocsf" })
        {
            HttpResponseMessage response = await http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        string incidents = await http.GetStringAsync("/api/incidents");
        Assert.Contains(Samples.Incident.Title, incidents, StringComparison.Ordinal);
        Assert.Contains(Samples.Asset.AssetId, await http.GetStringAsync("/api/assets?q=siemens"), StringComparison.Ordinal);
        Assert.Equal(["discovered|" + Samples.Asset.AssetId], database.Strings("SELECT kind || '|' || asset_id FROM asset_changes"));
        Assert.Equal(["new"], database.Strings("SELECT workflow FROM incident_workflow"));
    }

    private static async Task Publish(TestSensor sensor, EdgeTopicKind kind, byte[] payload)
    {
        var result = await sensor.PublishAsync(EdgeTopics.Build(Site, SensorId, kind), payload);
        Assert.True(TestSensor.Acknowledged(result), $"{result.ReasonCode}: {result.ReasonString}");
    }
}
