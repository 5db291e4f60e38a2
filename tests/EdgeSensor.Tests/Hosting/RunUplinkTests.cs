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
            string config = Path.Combine(_dir, "sensor.json");
            File.WriteAllText(config, $$"""
                { "site": "plant1", "sensorId": "cabinet-7",
                  "capture": { "file": "{{SharedData.Pcap("modbus_attack_characterization-recon__labelled.pcap")}}", "replaySpeed": 100 },
                  "learningSeconds": 0, "metricsIntervalSeconds": 1,
                  "uplink": { "host": "127.0.0.1", "port": {{port}}, "outboxDirectory": "{{Path.Combine(_dir, "outbox")}}" } }
                """);
            using var sensor = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "edge-sensor.dll"), "run", "--config", config])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stderr = sensor.StandardError.ReadToEndAsync();
            Assert.True(sensor.WaitForExit(TimeSpan.FromSeconds(60)), "the replay did not end");
            Assert.Equal(0, sensor.ExitCode);

            var all = messages.ToList();
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
            Assert.Contains("uplink connected", await stderr, StringComparison.Ordinal);
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
