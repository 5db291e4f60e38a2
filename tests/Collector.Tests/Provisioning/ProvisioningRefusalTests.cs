using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Provisioning;
using Edge.Contracts.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Collector.Tests.Provisioning;

/// <summary>
/// What provisioning refuses, each with its reason (answered to the device, logged and kept in provisioning_log): a
/// claim from another CA, a malformed or weak CSR, a serial bound to another key, a request for another serial, an
/// oversized payload, too many requests per claim and per source; and a claim that tries to report or to read.
/// </summary>
public sealed class ProvisioningRefusalTests : IAsyncLifetime, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("edge-prov-refuse-").FullName;
    private readonly int _port = TestCollector.FreePort();
    private TestCollector? _collector;
    private X509Certificate2 _claim = null!;
    private X509Certificate2 _ca = null!;

    private string Data => Path.Combine(_work, "collector");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _claim?.Dispose();
        _ca?.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private async Task StartAsync(params string[] extra)
    {
        _collector = await TestCollector.StartOwnPkiAsync(Data, _port, extra);
        (_claim, _ca) = ClaimClient.Load(await FactorySensor.ClaimAsync(Data, Path.Combine(_work, "claim.json"), $"127.0.0.1:{_port}"));
    }

    [Fact]
    public async Task A_claim_certificate_from_another_ca_cannot_connect()
    {
        await StartAsync();
        using var foreign = new TestPki("Someone else's CA");
        using X509Certificate2 forged = foreign.IssueClient("claim.test-batch");
        await Assert.ThrowsAnyAsync<Exception>(() => ClaimClient.ConnectAsync(_port, forged, _ca, "10000000deadbeef"));
        Assert.Equal(0, _collector!.Scalar("SELECT count(*) FROM provisioning_requests"));
    }

    [Fact]
    public async Task Malformed_and_weak_requests_are_refused_with_their_reason()
    {
        await StartAsync("--auto-approve", "a1,a2,a3,a4,a5");
        await using (ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "a1"))
        {
            ProvisioningResponse broken = await device.AskAsync(device.Request() with { Csr = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n" });
            Assert.Equal(ProvisioningResponse.Rejected, broken.Status);
            Assert.StartsWith("malformed certificate request", broken.Reason, StringComparison.Ordinal);
            ProvisioningResponse notJson = await device.AskAsync("{\"serial\": "u8.ToArray());
            Assert.StartsWith("not a provisioning request", notJson.Reason, StringComparison.Ordinal);
        }

        // A CSR whose signature does not match its key: what a tampered request looks like.
        await using (ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "a2"))
        {
            ProvisioningRequest good = device.Request();
            string[] other = device.Request().Csr.Split('\n');
            string[] mine = good.Csr.Split('\n');
            string tampered = string.Join('\n', mine.Take(3).Concat(other.Skip(3)));
            ProvisioningResponse answer = await device.AskAsync(good with { Csr = tampered });
            Assert.Equal(ProvisioningResponse.Rejected, answer.Status);
            Assert.StartsWith("malformed certificate request", answer.Reason, StringComparison.Ordinal);
        }

        await using (ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "a3"))
        {
            using RSA weak = RSA.Create(1024);
            ProvisioningResponse answer = await device.AskAsync(device.Request(weak));
            Assert.Equal(ProvisioningResponse.Rejected, answer.Status);
            Assert.Equal("weak key: RSA 1024 bits (2048 or more required)", answer.Reason);
        }

        await using (ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "a4"))
        {
            using ECDsa k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secP256k1"));
            ProvisioningResponse answer = await device.AskAsync(device.Request(k1));
            Assert.Equal(ProvisioningResponse.Rejected, answer.Status);
            Assert.StartsWith("weak key: EC curve", answer.Reason, StringComparison.Ordinal);
        }

        // RSA 3072 is fine: approved (auto), with a certificate for that key.
        await using (ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "a5"))
        {
            using RSA strong = RSA.Create(3072);
            ProvisioningResponse answer = await device.AskAsync(device.Request(strong));
            Assert.Equal(ProvisioningResponse.Approved, answer.Status);
            using X509Certificate2 cert = X509Certificate2.CreateFromPem(answer.Certificate!);
            Assert.Equal("edge-a5", cert.GetNameInfo(X509NameType.SimpleName, false));
        }

        Assert.Equal(0, _collector!.Scalar("SELECT count(*) FROM sensor_certificates WHERE device_serial <> 'a5'"));
        Assert.True(_collector.Scalar("SELECT count(*) FROM provisioning_log WHERE outcome = 'refused' AND reason LIKE 'weak key%'") == 2);
    }

    [Fact]
    public async Task A_serial_is_bound_to_the_first_key_it_asked_with_and_to_its_client_id()
    {
        await StartAsync();
        await using ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "b1");
        ProvisioningResponse first = await device.AskAsync(device.Request());
        Assert.Equal(ProvisioningResponse.Pending, first.Status);

        // Someone else with the same batch claim asks for the same serial with another key.
        ProvisioningResponse hijack = await device.AskAsync(device.Request());
        Assert.Equal(ProvisioningResponse.Rejected, hijack.Status);
        Assert.Contains("already bound to another key", hijack.Reason, StringComparison.Ordinal);

        // A request for another serial than the client id it connected with.
        ProvisioningResponse other = await device.AskAsync(device.Request(serial: "b2"));
        Assert.Equal(ProvisioningResponse.Rejected, other.Status);
        Assert.Contains("is not the client id", other.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _collector!.Scalar("SELECT count(*) FROM provisioning_requests"));
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM sensor_certificates"));
    }

    [Fact]
    public async Task An_oversized_request_is_refused_without_being_parsed()
    {
        await StartAsync();
        await using ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "c1");
        byte[] huge = new byte[64 * 1024];
        Array.Fill(huge, (byte)' ');
        ProvisioningResponse answer = await device.AskAsync(huge);
        Assert.Equal(ProvisioningResponse.Rejected, answer.Status);
        Assert.Equal("request too large (65536 bytes; at most 16384)", answer.Reason);
        Assert.Equal(1, _collector!.Scalar("SELECT count(*) FROM provisioning_log WHERE reason LIKE 'request too large%'"));
    }

    [Fact]
    public async Task Requests_are_limited_per_claim()
    {
        await StartAsync("--Collector:Provisioning:ClaimBurst=3", "--Collector:Provisioning:ClaimRefillSeconds=600");
        await using ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "d1");
        ProvisioningRequest request = device.Request();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(ProvisioningResponse.Pending, (await device.AskAsync(request)).Status);
        }

        ProvisioningResponse limited = await device.AskAsync(request);
        Assert.Equal(ProvisioningResponse.Rejected, limited.Status);
        Assert.Equal("too many requests with claim.test-batch; retry later", limited.Reason);
    }

    [Fact]
    public async Task Requests_are_limited_per_source_address_across_claims()
    {
        await StartAsync("--Collector:Provisioning:SourceBurst=2", "--Collector:Provisioning:SourceRefillSeconds=600");
        (X509Certificate2 second, _) = ClaimClient.Load(await FactorySensor.ClaimAsync(Data, Path.Combine(_work, "claim2.json"), null, batch: "second-batch"));
        await using ClaimClient one = await ClaimClient.ConnectAsync(_port, _claim, _ca, "e1");
        await using ClaimClient two = await ClaimClient.ConnectAsync(_port, second, _ca, "e2");
        Assert.Equal(ProvisioningResponse.Pending, (await one.AskAsync(one.Request())).Status);
        Assert.Equal(ProvisioningResponse.Pending, (await two.AskAsync(two.Request())).Status);
        ProvisioningResponse limited = await two.AskAsync(two.Request());
        Assert.Equal("too many requests from 127.0.0.1; retry later", limited.Reason);
    }

    [Fact]
    public async Task A_claim_can_neither_report_findings_nor_read_other_topics()
    {
        await StartAsync("--auto-approve", "f1");
        await using ClaimClient device = await ClaimClient.ConnectAsync(_port, _claim, _ca, "f1");

        // Publishing a finding, under its serial or under its claim id: refused by the broker, nothing stored.
        foreach (string sensor in new[] { "f1", "claim.test-batch" })
        {
            MqttClientPublishResult finding = await device.PublishAsync(EdgeTopics.IncidentsTopic("site1", sensor), Samples.IncidentMessage("site1", sensor, $"{sensor}:1:1"));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, finding.ReasonCode);
        }

        // Another device's request topic, and reading anything but its own answer.
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized,
            (await device.PublishAsync(ProvisioningTopics.Request("claim.test-batch", "f2"), System.Text.Encoding.UTF8.GetBytes("{}"))).ReasonCode);
        foreach (string filter in new[] { ProvisioningTopics.Response("claim.test-batch", "f2"), "edge-prov/v1/#", "edge-cmd/v1/#", "edge/v1/#", Edge.Contracts.Commands.CommandTopics.For("site1", "edge-f1") })
        {
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync(filter));
        }

        Assert.Equal(0, _collector!.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM dead_letters"));

        // What it may do: ask, and be answered.
        Assert.Equal(ProvisioningResponse.Approved, (await device.AskAsync(device.Request())).Status);
    }
}
