using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Edge.Contracts.Serialization;
using EdgeSensor.Tests.Support;
using MQTTnet;
using MQTTnet.Server;

namespace EdgeSensor.Tests.Hosting;

/// <summary>`edge-sensor run` with an uplink: incident versions, anomalies, asset changes and metrics reach an MQTT 5 broker (MQTTnet on loopback) as envelopes, after a birth.</summary>
public sealed class RunUplinkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-run-uplink-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Incidents_reach_the_broker_as_envelopes_after_a_birth()
    {
        (List<(string Topic, string Payload, bool Retain)> all, string stderr) = await RunAsync(port => $$"""
            { "site": "plant1", "sensorId": "cabinet-7",
              "capture": { "file": "{{SharedData.Pcap("modbus_attack_characterization-recon__labelled.pcap")}}", "replaySpeed": 100 },
              "learningSeconds": 0, "metricsIntervalSeconds": 1,
              "uplink": { "host": "127.0.0.1", "port": {{port}}, "outboxDirectory": "{{Path.Combine(_dir, "outbox")}}" } }
            """);

        var birth = all.First(m => m.Topic == "edge/v1/plant1/cabinet-7/status");
        Assert.True(birth.Retain);
        Assert.Contains("\"state\":\"online\"", birth.Payload, StringComparison.Ordinal);
        Assert.Matches("\"phase\":\"(learning|protecting)\"", birth.Payload);
        var incidents = all.Where(m => m.Topic == "edge/v1/plant1/cabinet-7/incidents").ToList();
        Assert.NotEmpty(incidents);
        var envelope = JsonSerializer.Deserialize(incidents[^1].Payload, EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord)!;
        Assert.Equal("cabinet-7", envelope.Sensor);
        Assert.Equal("192.168.1.101", envelope.Payload.Device);
        Assert.StartsWith("cabinet-7:", envelope.MessageId, StringComparison.Ordinal);
        Assert.Equal(incidents.Count, incidents.Select(m => JsonSerializer.Deserialize(m.Payload, EdgeJsonContext.Default.EdgeEnvelopeBreachSummaryRecord)!.MessageId).Distinct().Count());
        Assert.Contains(all, m => m.Topic == "edge/v1/plant1/cabinet-7/anomalies" && m.Payload.Contains("\"type\":\"anomaly\"", StringComparison.Ordinal));
        var assets = all.Where(m => m.Topic == "edge/v1/plant1/cabinet-7/assets").Select(m => JsonSerializer.Deserialize(m.Payload, EdgeJsonContext.Default.EdgeEnvelopeAssetRecord)!.Payload).ToList();
        Assert.Contains(assets, a => a.AssetId == "192.168.1.101");
        Assert.Equal(assets.Count, assets.Select(a => (a.AssetId, a.Role.Role, a.Role.Confidence, a.Identity?.OrderNumber, a.IsNew, string.Join(",", a.ProtocolsServed), string.Join(",", a.ProtocolsUsed))).Distinct().Count());   // an unchanged asset is not published again
        var metrics = all.Where(m => m.Topic == "edge/v1/plant1/cabinet-7/metrics").ToList();
        Assert.NotEmpty(metrics);
        var last = JsonSerializer.Deserialize(metrics[^1].Payload, EdgeJsonContext.Default.EdgeEnvelopeSensorMetricsRecord)!.Payload;
        Assert.True(last.Frames > 0 && last.Devices > 0, metrics[^1].Payload);
        Assert.Contains("uplink connected", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_birth_reports_how_the_previous_run_ended_and_the_metrics_carry_the_sensor_s_health()
    {
        // The previous run was killed by systemd's watchdog: record-exit left its line beside the state.
        string state = Directory.CreateDirectory(Path.Combine(_dir, "state")).FullName;
        string exitFile = Path.Combine(state, "last-exit");
        File.WriteAllText(exitFile, "watchdog killed ABRT\n");

        (List<(string Topic, string Payload, bool Retain)> all, string stderr) = await RunAsync(port => $$"""
            { "site": "plant1", "sensorId": "cabinet-7",
              "capture": { "file": "{{SharedData.Pcap("modbus_attack_characterization-recon__labelled.pcap")}}", "replaySpeed": 100 },
              "learningSeconds": 0, "metricsIntervalSeconds": 1, "stateFile": "{{Path.Combine(state, "plant.state")}}",
              "uplink": { "host": "127.0.0.1", "port": {{port}}, "outboxDirectory": "{{Path.Combine(_dir, "outbox")}}" } }
            """);

        var birth = JsonSerializer.Deserialize(all.First(m => m.Topic == "edge/v1/plant1/cabinet-7/status").Payload,
            EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord)!.Payload;
        Assert.Equal(new Edge.Contracts.Lifecycle.PreviousExit { Clean = false, Result = "watchdog", Signal = "ABRT", Source = "systemd", At = birth.PreviousExit?.At },
            birth.PreviousExit);
        Assert.Contains("the previous run did not stop cleanly: watchdog, signal ABRT", stderr, StringComparison.Ordinal);

        var health = all.Where(m => m.Topic == "edge/v1/plant1/cabinet-7/metrics")
            .Select(m => JsonSerializer.Deserialize(m.Payload, EdgeJsonContext.Default.EdgeEnvelopeSensorMetricsRecord)!.Payload.Health!).Last();
        Assert.True(health.MemoryBytes > 10 << 20, $"resident memory {health.MemoryBytes}");
        Assert.InRange(health.CpuPercent!.Value, 0, 100);
        Assert.True(health.DiskFreeBytes > 0 && health.DiskTotalBytes >= health.DiskFreeBytes);
        Assert.InRange(health.UptimeSeconds!.Value, 0, 60);
        // A file replay has no capture statistics, and raises no traffic alerts.
        Assert.Equal(new Edge.Contracts.Lifecycle.CaptureHealth { DroppedBySensor = 0 }, health.Capture);
        Assert.Empty(health.Alerts!);

        // This run stopped cleanly: the next start will know.
        Assert.Equal("exit 0\n", File.ReadAllText(exitFile));
    }

    /// <summary>Runs the sensor with <paramref name="config"/> (given the broker's port) against an MQTTnet broker that takes every publish.</summary>
    private async Task<(List<(string Topic, string Payload, bool Retain)> Messages, string Stderr)> RunAsync(Func<int, string> config)
    {
        int port = FreePort();
        var messages = new ConcurrentQueue<(string Topic, string Payload, bool Retain)>();
        var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        server.InterceptingPublishAsync += e =>
        {
            messages.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.Retain));
            // Taken, as the collector's embedded broker takes it (no subscriber would answer "no matching subscribers").
            e.ProcessPublish = false;
            e.Response.ReasonCode = MQTTnet.Protocol.MqttPubAckReasonCode.Success;
            return Task.CompletedTask;
        };
        await server.StartAsync();
        try
        {
            string path = Path.Combine(_dir, "sensor.json");
            File.WriteAllText(path, config(port));
            using var sensor = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), "run", "--config", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stderr = sensor.StandardError.ReadToEndAsync();
            Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(60)), "the replay did not end");
            Assert.True(sensor.ExitCode == 0, await stderr);
            return ([.. messages], await stderr);
        }
        finally
        {
            await server.StopAsync();
            server.Dispose();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
