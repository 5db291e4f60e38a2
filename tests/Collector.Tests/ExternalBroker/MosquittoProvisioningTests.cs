using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Provisioning;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Collector.Tests.ExternalBroker;

/// <summary>
/// Zero-touch provisioning through a real Mosquitto, set up as the README tells a plant to: the collector keeps its own
/// PKI in its data folder (no PKI by hand), Mosquitto's server certificate comes from <c>edge-collector
/// server-certificate</c>, its <c>crlfile</c> is the collector's crl.pem, and its ACL confines a claim certificate to
/// its own provisioning topics. The collector (<c>--broker</c>) answers requests through Mosquitto; the sensor, a real
/// process in factory state, provisions itself through Mosquitto and then reports to it with its own certificate.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MosquittoProvisioningTests : IAsyncLifetime, IDisposable
{
    private const string Capture = "modbus_attack_characterization-recon__labelled.pcap";
    private const string CollectorId = "edge-collector-1";
    private const string LearningNever = "--Collector:Provisioning:LearningSeconds=0";
    private readonly string _work = Directory.CreateTempSubdirectory("edge-mosq-ztp-").FullName;
    private TestCollector? _collector;
    private MosquittoBroker? _broker;

    private string Data => Path.Combine(_work, "collector");

    /// <summary>What the plant copies into /etc/mosquitto/edge: server.pem, server.key and ca.pem.</summary>
    private string MosquittoCerts => Path.Combine(_work, "mosquitto-certs");

    private string CrlPath => Path.Combine(Data, "pki", "crl.pem");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_sensor_in_factory_state_provisions_itself_through_mosquitto_and_reports_with_its_own_certificate()
    {
        const string Serial = "20000000a1b2c3d4";
        string bundle = await StartAsync("--auto-approve", Serial, LearningNever);

        await using var sensor = new FactorySensor(_work, bundle, Serial, RepositoryPaths.SharedCapture(Capture));
        sensor.Start();
        Assert.Equal(0, await sensor.WaitForExitAsync());
        string log = sensor.Log;
        Assert.Contains("factory state", log, StringComparison.Ordinal);
        Assert.Contains($"provisioning: request", log, StringComparison.Ordinal);
        Assert.Contains($"provisioning: approved as site1/edge-{Serial}", log, StringComparison.Ordinal);
        Assert.Contains($"uplink connected to 127.0.0.1:{_broker!.Port}", log, StringComparison.Ordinal);

        // Connected to Mosquitto with its own certificate: its birth and its findings are stored under the id the
        // collector gave it.
        string id = "edge-" + Serial;
        await _collector!.WaitForAsync($"SELECT count(*) FROM sensors WHERE sensor = '{id}' AND site = 'site1'", 1);
        await _collector.WaitForAsync($"SELECT count(*) FROM anomalies WHERE sensor = '{id}'", 1);
        Assert.Equal(["active|" + Serial], _collector.Strings($"SELECT state || '|' || device_serial FROM sensor_certificates WHERE sensor = '{id}'"));
        Assert.Equal(["approved|auto-approve rule|claim.test-batch"], _collector.Strings($"SELECT state || '|' || decided_by || '|' || claim FROM provisioning_requests WHERE serial = '{Serial}'"));
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM dead_letters"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sensor.IdentityPath));
        Assert.False(File.Exists(Path.Combine(sensor.StateDirectory, "pending-key.pem")));
        using JsonDocument identity = JsonDocument.Parse(File.ReadAllText(sensor.IdentityPath));
        Assert.Equal(1, identity.RootElement.GetProperty("configuration").GetProperty("version").GetInt64());
        Assert.True(_collector.Scalar($"SELECT count(*) FROM messages WHERE sensor = '{id}' AND kind = 'status' AND payload LIKE '%\"state\":\"online\"%\"configVersion\":1%'") >= 1);

        // Mosquitto saw the claim (CN claim.test-batch, client id the serial) and then the sensor's own identity.
        Assert.Contains($"as {Serial} (", _broker.Log, StringComparison.Ordinal);
        Assert.Contains($"as {id} (", _broker.Log, StringComparison.Ordinal);

        // Started again, it is provisioned already: no second request, no second certificate.
        await using var again = new FactorySensor(_work, bundle, Serial, RepositoryPaths.SharedCapture(Capture));
        again.Start();
        Assert.Equal(0, await again.WaitForExitAsync());
        Assert.DoesNotContain("factory state", again.Log, StringComparison.Ordinal);
        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM sensor_certificates"));
    }

    [Fact]
    public async Task A_provisioned_sensor_reads_a_new_configuration_version_through_mosquitto()
    {
        const string Serial = "20000000c0ffee01";
        string bundle = await StartAsync("--auto-approve", Serial, LearningNever);
        await using var sensor = new FactorySensor(_work, bundle, Serial, RepositoryPaths.SharedCapture(Capture), stayAfterEnd: true);
        sensor.Start();
        await sensor.WaitForLogAsync("uplink connected");

        // The collector publishes version 2 retained on edge-cmd/v1/site1/<sensor>/config: the ACL's
        // "pattern read edge-cmd/v1/+/%u/#" lets the sensor (and no one else) read it.
        using HttpClient api = _collector!.AdminApi();
        HttpResponseMessage changed = await api.PutAsJsonAsync($"/api/sensors/site1/edge-{Serial}/configuration", new { relayThreshold = 70 });
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        await sensor.WaitForLogAsync("configuration version 2");
        await _collector.WaitForAsync($"SELECT count(*) FROM messages WHERE sensor = 'edge-{Serial}' AND kind = 'status' AND payload LIKE '%\"configVersion\":2%'", 1);
        await sensor.StopAsync();
    }

    [Fact]
    public async Task A_claim_is_confined_to_its_own_provisioning_topics_and_its_findings_are_not_stored()
    {
        string bundlePath = await StartAsync(LearningNever);
        ProvisioningBundle bundle = JsonSerializer.Deserialize(File.ReadAllText(bundlePath), EdgeJsonContext.Default.ProvisioningBundle)!;
        using X509Certificate2 ca = X509Certificate2.CreateFromPem(bundle.CaCertificate);
        using X509Certificate2 claim = X509Certificate2.CreateFromPem(bundle.ClaimCertificate, bundle.ClaimKey);
        const string ClaimId = "claim.test-batch";
        const string Serial = "20000000deadbeef";

        await using (var device = new TestSensor(_broker!.Port, ca, claim, Serial))
        {
            await device.ConnectAsync();

            // The ACL's sensor pattern matches a claim's identity too: Mosquitto lets it publish under edge/v1/+/claim.x/,
            // and the collector dead-letters it (a claim may only ask to be provisioned, not report).
            Assert.True(TestSensor.Acknowledged(await device.PublishAsync(EdgeTopics.AnomaliesTopic("site1", ClaimId), Samples.AnomalyMessage("site1", ClaimId, ClaimId + ":1:1"))));
            await _collector!.WaitForAsync("SELECT count(*) FROM dead_letters", 1);
            Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM messages"));
            Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM anomalies"));
            Assert.Equal(0, _collector.Scalar($"SELECT count(*) FROM sensors WHERE sensor = '{ClaimId}'"));
            Assert.Contains("is a claim identity", _collector.Strings("SELECT detail FROM dead_letters").Single(), StringComparison.Ordinal);

            // Its own request topic (identity and client id) is the only provisioning topic it may write.
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized,
                (await device.PublishAsync(ProvisioningTopics.Request(ClaimId, "20000000otherone"), "{}"u8.ToArray())).ReasonCode);
        }

        // A refused publish ends MQTTnet's connection at its own pace: a new one for each refusal below.
        foreach (string topic in new[]
        {
            EdgeTopics.AnomaliesTopic("site1", "edge-20000000a1b2c3d4"),      // a sensor's findings
            ProvisioningTopics.Response(ClaimId, Serial),                   // an answer to itself
            Edge.Contracts.Commands.CommandTopics.Config("site1", "edge-20000000a1b2c3d4"),   // a configuration
        })
        {
            await using var device = new TestSensor(_broker.Port, ca, claim, Serial);
            await device.ConnectAsync();
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync(topic, "{}"u8.ToArray())).ReasonCode);
        }

        // It cannot read another device's answers: a request from serial A is answered, a claim connection with
        // client id B that subscribed to A's response topic hears nothing.
        await using var eavesdropper = new TestSensor(_broker.Port, ca, claim, "20000000eaeaeaea");
        await eavesdropper.ConnectAsync();
        int overheard = 0;
        eavesdropper.Client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref overheard);
            return Task.CompletedTask;
        };
        await eavesdropper.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(ProvisioningTopics.Response(ClaimId, Serial), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(ProvisioningTopics.Root + "/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await using var asker = new TestSensor(_broker.Port, ca, claim, Serial);
        var answered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        asker.Client.ApplicationMessageReceivedAsync += e =>
        {
            answered.TrySetResult(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        await asker.ConnectAsync();
        await asker.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(ProvisioningTopics.Response(ClaimId, Serial), MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(TestSensor.Acknowledged(await asker.PublishAsync(ProvisioningTopics.Request(ClaimId, Serial), "{\"not\":\"a request\"}"u8.ToArray())));
        string answer = await answered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("\"status\":\"rejected\"", answer, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Equal(0, Volatile.Read(ref overheard));
    }

    [Fact]
    public async Task A_revoked_sensor_is_refused_by_mosquitto_once_it_reloads_the_crl_and_another_still_connects()
    {
        const string Revoked = "20000000000000aa", Kept = "20000000000000bb";
        string bundle = await StartAsync("--auto-approve", $"{Revoked},{Kept}", LearningNever);
        foreach (string serial in new[] { Revoked, Kept })
        {
            await using var sensor = new FactorySensor(_work, bundle, serial, RepositoryPaths.SharedCapture(Capture));
            sensor.Start();
            Assert.True(await sensor.WaitForExitAsync() == 0, sensor.Log);
            Assert.Contains("uplink connected", sensor.Log, StringComparison.Ordinal);
        }

        string revokedId = "edge-" + Revoked;
        string certSerial = _collector!.Strings($"SELECT cert_serial FROM sensor_certificates WHERE sensor = '{revokedId}'").Single();
        Assert.False(CrlHas(certSerial));
        string before = File.ReadAllText(CrlPath);

        using HttpClient api = _collector.AdminApi();
        HttpResponseMessage revoked = await api.PostAsJsonAsync($"/api/sensors/{revokedId}/revoke", new { reason = "stolen from the cabinet" });
        Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        Assert.Equal(1, await revoked.Content.ReadFromJsonAsync<int>());

        // The collector rewrote crl.pem at once...
        Assert.NotEqual(before, File.ReadAllText(CrlPath));
        Assert.True(CrlHas(certSerial));

        // ...but Mosquitto 2.0.11 reads its crlfile only at start and on SIGHUP: until it reloads, the revoked
        // certificate still connects.
        await using var openBefore = IdentityClient(Revoked);
        await openBefore.ConnectAsync();

        // What the README's path unit does when crl.pem changes: systemctl reload mosquitto (SIGHUP).
        await _broker!.ReloadAsync();

        // A reload checks new handshakes only: the connection opened before it stays up (a restart would drop it).
        await Task.Delay(500);
        await openBefore.Client.PingAsync();
        Assert.True(openBefore.IsConnected);

        await using (var refused = IdentityClient(Revoked))
        {
            await Assert.ThrowsAnyAsync<MqttCommunicationException>(refused.ConnectAsync);
        }

        Assert.Contains("certificate verify failed", _broker.Log, StringComparison.Ordinal);

        // The real sensor, started again with its revoked identity, is refused by Mosquitto and says so.
        await using (var sensor = new FactorySensor(_work, bundle, Revoked, RepositoryPaths.SharedCapture(Capture), stayAfterEnd: true))
        {
            int refusalsBefore = CountVerifyFailures();
            sensor.Start();
            await sensor.WaitForLogAsync($"uplink to 127.0.0.1:{_broker.Port} lost");
            Assert.True(CountVerifyFailures() > refusalsBefore, $"Mosquitto did not refuse the revoked sensor: {_broker.Log}");
            Assert.DoesNotContain("uplink connected", sensor.Log, StringComparison.Ordinal);
            Assert.DoesNotContain("factory state", sensor.Log, StringComparison.Ordinal);
            await sensor.StopAsync();
            Assert.DoesNotContain("uplink connected", sensor.Log, StringComparison.Ordinal);
        }

        // The other sensor still connects (the same CA, a certificate not on the list).
        long keptBirths = _collector.Scalar($"SELECT count(*) FROM status_events WHERE sensor = 'edge-{Kept}'");
        await using (var sensor = new FactorySensor(_work, bundle, Kept, RepositoryPaths.SharedCapture(Capture)))
        {
            sensor.Start();
            Assert.True(await sensor.WaitForExitAsync() == 0, sensor.Log);
            Assert.Contains("uplink connected", sensor.Log, StringComparison.Ordinal);
        }

        await _collector.WaitForAsync($"SELECT count(*) FROM status_events WHERE sensor = 'edge-{Kept}'", keptBirths + 1);
        Assert.Equal(["revoked"], _collector.Strings($"SELECT state FROM sensor_certificates WHERE sensor = '{revokedId}'"));
    }

    [Fact]
    public async Task The_crl_is_written_again_while_the_collector_runs_so_it_never_expires_under_mosquitto()
    {
        await StartAsync("--Collector:Provisioning:CrlRefreshSeconds=1");
        (System.Numerics.BigInteger first, DateTimeOffset firstNext) = ReadCrl();
        Assert.True(firstNext > DateTimeOffset.UtcNow.AddDays(29), $"nextUpdate {firstNext:u}");
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (ReadCrl().Number <= first)
        {
            Assert.True(DateTime.UtcNow < deadline, "crl.pem was not written again");
            await Task.Delay(100);
        }

        // Mosquitto reloads the new CRL and still lets the collector's CA's certificates in.
        await _broker!.ReloadAsync();
        await _collector!.StopAsync();
        await using var restarted = await TestCollector.StartExternalOwnPkiAsync(Data, _broker.Url, CollectorId);
        await restarted.WaitUntilSubscribedAsync();
    }

    /// <summary>
    /// A plant's order: the server certificate for Mosquitto from the collector's CA (made on this first use), the
    /// collector (it writes crl.pem and its client certificate collector.pem as it starts), then Mosquitto, and a
    /// claim bundle whose endpoint is Mosquitto.
    /// </summary>
    private async Task<string> StartAsync(params string[] collectorOptions)
    {
        (int exit, string output) = await FactorySensor.RunCollectorCliAsync("server-certificate", "--data", Data, "--name", "localhost", "--name", "127.0.0.1", "--out", MosquittoCerts);
        Assert.True(exit == 0, output);
        Assert.Equal(File.ReadAllText(Path.Combine(Data, "pki", "ca.pem")), File.ReadAllText(Path.Combine(MosquittoCerts, "ca.pem")));

        // The broker's port is chosen first so the collector can be told where it is.
        _broker = new MosquittoBroker(Path.Combine(MosquittoCerts, "ca.pem"), Path.Combine(MosquittoCerts, "server.pem"), Path.Combine(MosquittoCerts, "server.key"), CrlPath, CollectorId);
        _collector = await TestCollector.StartExternalOwnPkiAsync(Data, _broker.Url, CollectorId, collectorOptions);
        Assert.True(File.Exists(CrlPath));
        using (X509Certificate2 client = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Data, "pki", "collector.pem"))))
        {
            Assert.Equal(CollectorId, client.GetNameInfo(X509NameType.SimpleName, false));
        }

        await _broker.StartAsync();
        await _collector.WaitUntilSubscribedAsync();
        return await FactorySensor.ClaimAsync(Data, Path.Combine(_work, "edge-provisioning.json"), $"127.0.0.1:{_broker.Port}");
    }

    /// <summary>An MQTT client with a provisioned sensor's identity (its certificate and key from identity.json).</summary>
    private TestSensor IdentityClient(string serial)
    {
        using JsonDocument identity = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work, "sensor-" + serial, "state", "identity.json")));
        JsonElement root = identity.RootElement;
        X509Certificate2 cert = X509Certificate2.CreateFromPem(root.GetProperty("certificatePem").GetString(), root.GetProperty("keyPem").GetString());
        using X509Certificate2 ca = X509Certificate2.CreateFromPem(root.GetProperty("caPem").GetString());
        return new TestSensor(_broker!.Port, X509CertificateLoader.LoadCertificate(ca.RawData), cert, "edge-" + serial);
    }

    private int CountVerifyFailures() => _broker!.Log.Split('\n').Count(l => l.Contains("certificate verify failed", StringComparison.Ordinal));

    private bool CrlHas(string certSerialHex)
    {
        CertificateRevocationListBuilder crl = CertificateRevocationListBuilder.LoadPem(File.ReadAllText(CrlPath), out _);
        return crl.RemoveEntry(Convert.FromHexString(certSerialHex));
    }

    private (System.Numerics.BigInteger Number, DateTimeOffset NextUpdate) ReadCrl()
    {
        string pem = File.ReadAllText(CrlPath);
        CertificateRevocationListBuilder.LoadPem(pem, out System.Numerics.BigInteger number);
        // nextUpdate is not exposed by the builder: read it with openssl-free ASN.1 (TBSCertList's fifth element).
        byte[] der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER);
        System.Formats.Asn1.AsnReader tbs = reader.ReadSequence().ReadSequence();
        tbs.ReadInteger();             // version
        tbs.ReadSequence();            // signature algorithm
        tbs.ReadSequence();            // issuer
        tbs.ReadUtcTime();             // thisUpdate
        return (number, tbs.ReadUtcTime());
    }
}
