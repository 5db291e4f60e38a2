using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Collector.Tests.Infrastructure;

namespace Collector.Tests.EndToEnd;

/// <summary>
/// The real sensor (edge-sensor run, replaying the labelled Modbus reconnaissance capture) reports to the real
/// collector (embedded MQTT 5 broker, mutual TLS, SQLite) over loopback: its birth, its anomalies and every incident
/// version are stored, once each.
/// </summary>
public sealed class SensorToCollectorTests : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-e2e-").FullName;
    private TestCollector? _collector;

    public async Task InitializeAsync() => _collector = await TestCollector.StartAsync(_pki, Path.Combine(_dir, "collector"), TestCollector.FreePort());

    public async Task DisposeAsync()
    {
        await _collector!.DisposeAsync();
        _pki.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Findings_of_a_replayed_capture_reach_the_collector_over_mutual_tls()
    {
        using var client = _pki.IssueClient("cabinet-7");
        string cert = Path.Combine(_dir, "sensor.pem");
        string key = Path.Combine(_dir, "sensor.key");
        await File.WriteAllTextAsync(cert, client.ExportCertificatePem());
        await File.WriteAllTextAsync(key, client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        string pcap = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "pcaps", "modbus_attack_characterization-recon__labelled.pcap"));
        string config = Path.Combine(_dir, "sensor.json");
        await File.WriteAllTextAsync(config, $$"""
            { "site": "plant1", "sensorId": "cabinet-7",
              "capture": { "file": "{{pcap}}", "replaySpeed": 0 },
              "learningSeconds": 0,
              "uplink": { "host": "127.0.0.1", "port": {{_collector!.Port}}, "caFile": "{{_pki.CaPath}}",
                          "certificateFile": "{{cert}}", "keyFile": "{{key}}", "outboxDirectory": "{{Path.Combine(_dir, "outbox")}}" } }
            """);

        using var sensor = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), "run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = sensor.StandardError.ReadToEndAsync();
        Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(90)), "the sensor did not finish");
        string log = await stderr;
        Assert.True(sensor.ExitCode == 0, log);
        Assert.Contains("uplink connected", log, StringComparison.Ordinal);

        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM dead_letters"));
        Assert.True(_collector.Scalar("SELECT count(*) FROM incident_versions") >= 1);
        Assert.True(_collector.Scalar("SELECT count(*) FROM anomalies") >= 1);
        Assert.Contains("192.168.1.101", _collector.Strings("SELECT asset_id FROM assets"));
        Assert.Equal(["192.168.1.101"], _collector.Strings("SELECT DISTINCT json_extract(payload, '$.payload.device') FROM messages WHERE json_extract(payload, '$.type') = 'incident'"));
        Assert.Equal(_collector.Scalar("SELECT count(*) FROM messages"), _collector.Scalar("SELECT count(DISTINCT message_id) FROM messages"));
        Assert.Contains("cabinet-7|", string.Join(",", _collector.Strings("SELECT sensor || '|' || state FROM sensors")), StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
