using System.Net.Http.Json;
using System.Text.Json;
using Collector.Tests.Infrastructure;

namespace Collector.Tests.Provisioning;

/// <summary>
/// A provisioned sensor's life, with the real sensor process staying up after its replay: a configuration pushed by
/// the collector (applied, reported, a bad one refused with the previous one kept), its certificate renewed before it
/// expires without the sensor stopping, revocation (the broker drops it and refuses its next connection), and a
/// factory reset followed by decommissioning and provisioning afresh.
/// </summary>
public sealed class LifecycleTests : IAsyncLifetime, IDisposable
{
    private const string Capture = "modbus_attack_characterization-recon__labelled.pcap";
    private readonly string _work = Directory.CreateTempSubdirectory("edge-prov-life-").FullName;
    private readonly int _port = TestCollector.FreePort();
    private TestCollector? _collector;

    private string Data => Path.Combine(_work, "collector");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private async Task<FactorySensor> ProvisionedAsync(string serial, params string[] extra)
    {
        _collector = await TestCollector.StartOwnPkiAsync(Data, _port, ["--auto-approve", serial, .. extra]);
        string bundle = await FactorySensor.ClaimAsync(Data, Path.Combine(_work, "claim.json"), $"127.0.0.1:{_port}");
        var sensor = new FactorySensor(_work, bundle, serial, RepositoryPaths.SharedCapture(Capture), stayAfterEnd: true);
        sensor.Start();
        await sensor.WaitForLogAsync("uplink connected");
        return sensor;
    }

    private long OnlineStatuses(string sensor, string fragment) =>
        _collector!.Scalar($"SELECT count(*) FROM messages WHERE sensor = '{sensor}' AND kind = 'status' AND payload LIKE '%\"state\":\"online\"%{fragment}%'");

    [Fact]
    public async Task A_pushed_configuration_is_applied_and_reported_and_a_bad_one_is_refused()
    {
        await using FactorySensor sensor = await ProvisionedAsync("5e000001");
        const string Id = "edge-5e000001";
        using HttpClient api = _collector!.AdminApi();
        HttpResponseMessage put = await api.PutAsJsonAsync($"/api/sensors/site1/{Id}/configuration", new
        {
            relayThreshold = 55,
            zones = new { zones = new[] { new { name = "Cell 1", purdueLevel = 1, subnets = new[] { "192.168.1.0/24" } } } },
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        Assert.Equal(2, (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());

        await sensor.WaitForLogAsync("configuration version 2 (by token:");
        await sensor.WaitForLogAsync("starting again with the new configuration");
        await WaitUntilAsync(() => OnlineStatuses(Id, "\"configVersion\":2") >= 1, "a birth reporting configuration version 2");
        using (JsonDocument identity = JsonDocument.Parse(File.ReadAllText(sensor.IdentityPath)))
        {
            JsonElement config = identity.RootElement.GetProperty("configuration");
            Assert.Equal(2, config.GetProperty("version").GetInt64());
            Assert.Equal(55, config.GetProperty("relayThreshold").GetInt32());
        }

        // A version the sensor cannot run (a subnet that is not one): refused with the reason, version 2 stays.
        HttpResponseMessage bad = await api.PutAsJsonAsync($"/api/sensors/site1/{Id}/configuration", new
        {
            zones = new { zones = new[] { new { name = "Broken", purdueLevel = 1, subnets = new[] { "10.0.0.0/99" } } } },
        });
        Assert.True(bad.IsSuccessStatusCode, await bad.Content.ReadAsStringAsync());
        await sensor.WaitForLogAsync("configuration version 3 refused, version 2 stays");
        await WaitUntilAsync(() => OnlineStatuses(Id, "\"configVersion\":2,\"configRefused\":\"version 3:") >= 1, "a status reporting the refusal");
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(sensor.IdentityPath)).RootElement.GetProperty("configuration").GetProperty("version").GetInt64());
        Assert.Null(sensor.ExitCode);

        // The collector refuses what it can tell is wrong itself.
        HttpResponseMessage nonsense = await api.PutAsJsonAsync($"/api/sensors/site1/{Id}/configuration", new { relayThreshold = 500 });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, nonsense.StatusCode);
    }

    [Fact]
    public async Task A_certificate_is_renewed_before_it_expires_while_the_sensor_keeps_running()
    {
        // Certificates valid for 30 s: the sensor asks for a new one two thirds in.
        await using FactorySensor sensor = await ProvisionedAsync("5e000002", "--Collector:Provisioning:CertificateDays=0.000347");
        const string Id = "edge-5e000002";
        await sensor.WaitForLogAsync("certificate renewed", TimeSpan.FromSeconds(60));
        await sensor.WaitForLogAsync("reconnecting with it");
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (sensor.Log.Split('\n').Count(l => l.Contains("uplink connected", StringComparison.Ordinal)) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no reconnect with the new certificate: " + sensor.Log);
            await Task.Delay(100);
        }

        Assert.Null(sensor.ExitCode);
        Assert.DoesNotContain("starting again", sensor.Log, StringComparison.Ordinal);
        Assert.Equal(2, _collector!.Scalar($"SELECT count(*) FROM sensor_certificates WHERE sensor = '{Id}' AND state = 'active'"));
        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM provisioning_log WHERE outcome = 'renewed'"));
        using JsonDocument identity = JsonDocument.Parse(File.ReadAllText(sensor.IdentityPath));
        string pem = identity.RootElement.GetProperty("certificatePem").GetString()!;
        using var cert = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        Assert.Equal([cert.SerialNumber.ToLowerInvariant()],
            _collector.Strings($"SELECT cert_serial FROM sensor_certificates WHERE sensor = '{Id}' ORDER BY issued_at DESC LIMIT 1"));
    }

    [Fact]
    public async Task A_revoked_sensor_is_dropped_and_its_next_connection_refused()
    {
        await using FactorySensor sensor = await ProvisionedAsync("5e000003");
        const string Id = "edge-5e000003";
        using HttpClient api = _collector!.AdminApi();
        HttpResponseMessage revoked = await api.PostAsJsonAsync($"/api/sensors/{Id}/revoke", new { reason = "box stolen from cabinet 3" });
        Assert.True(revoked.IsSuccessStatusCode, $"{(int)revoked.StatusCode} {await revoked.Content.ReadAsStringAsync()}");
        Assert.Equal(1, await revoked.Content.ReadFromJsonAsync<int>());
        await sensor.WaitForLogAsync("NotAuthorized", TimeSpan.FromSeconds(30));
        Assert.Equal(["revoked|box stolen from cabinet 3"], _collector.Strings($"SELECT state || '|' || revoked_reason FROM sensor_certificates WHERE sensor = '{Id}'"));
        Assert.True(_collector.Scalar("SELECT count(*) FROM provisioning_log WHERE outcome = 'revoked'") == 1);

        // A factory reset (identity gone): the box asks again with a new key and is refused until an admin
        // decommissions the old identity, which frees the serial; then it provisions afresh, with a new certificate.
        await sensor.StopAsync();
        File.Delete(sensor.IdentityPath);
        await using var reset = new FactorySensor(_work, Path.Combine(_work, "claim.json"), "5e000003", RepositoryPaths.SharedCapture(Capture), stayAfterEnd: true);
        reset.Start();
        await reset.WaitForLogAsync("already bound to another key");
        HttpResponseMessage decommissioned = await api.PostAsync($"/api/sensors/{Id}/decommission", null);
        Assert.True(decommissioned.IsSuccessStatusCode, $"{(int)decommissioned.StatusCode}");
        await reset.WaitForLogAsync("uplink connected");
        Assert.Equal(["active", "revoked"], _collector.Strings($"SELECT state FROM sensor_certificates WHERE sensor = '{Id}' ORDER BY state"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(100);
        }
    }
}
