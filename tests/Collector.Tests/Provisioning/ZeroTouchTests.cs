using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Collector.Tests.Infrastructure;

namespace Collector.Tests.Provisioning;

/// <summary>
/// Zero-touch provisioning end to end with real processes: a collector started with no PKI options (it makes its own
/// CA), a claim bundle from the real <c>edge-collector claim</c>, and a real sensor in factory state (no site, sensor
/// id or uplink in its configuration) that provisions itself, reconnects with its own certificate and reports.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ZeroTouchTests : IAsyncLifetime, IDisposable
{
    private const string Capture = "modbus_attack_characterization-recon__labelled.pcap";

    /// <summary>The collector's first configuration: learning never ends (capture time), so the models that need no baseline speak at once.</summary>
    private const string LearningNever = "--Collector:Provisioning:LearningSeconds=0";
    private readonly string _work = Directory.CreateTempSubdirectory("edge-ztp-").FullName;
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

    [Fact]
    public async Task A_sensor_in_factory_state_provisions_itself_and_reports_with_its_own_certificate()
    {
        const string Serial = "10000000a1b2c3d4";
        _collector = await TestCollector.StartOwnPkiAsync(Data, _port, "--auto-approve", Serial, LearningNever);

        // The collector made its own CA; its key is the service user's alone.
        string pki = Path.Combine(Data, "pki");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(pki, "ca.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(pki, "server.key")));
        string bundle = await FactorySensor.ClaimAsync(Data, Path.Combine(_work, "edge-provisioning.json"), $"127.0.0.1:{_port}");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(bundle));
        using (JsonDocument claim = JsonDocument.Parse(File.ReadAllText(bundle)))
        {
            string fingerprint = Convert.ToHexStringLower(SHA256.HashData(
                System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(pki, "ca.pem"))).RawData));
            Assert.Equal(fingerprint, claim.RootElement.GetProperty("caFingerprint").GetString());
        }

        // The CA is served for anyone to pin.
        using (HttpClient anonymous = _collector.Http())
        {
            Assert.Equal(File.ReadAllText(Path.Combine(pki, "ca.pem")).Trim(), (await anonymous.GetStringAsync("/pki/ca.pem")).Trim());
        }

        await using var sensor = new FactorySensor(_work, bundle, Serial, RepositoryPaths.SharedCapture(Capture));
        sensor.Start();
        Assert.Equal(0, await sensor.WaitForExitAsync());
        string log = sensor.Log;
        Assert.Contains("factory state", log, StringComparison.Ordinal);
        Assert.Contains($"provisioning: approved as site1/edge-{Serial}", log, StringComparison.Ordinal);
        Assert.Contains("uplink connected", log, StringComparison.Ordinal);

        // Connected with its own certificate: its birth and its findings are stored under the id the collector gave it.
        string id = "edge-" + Serial;
        await _collector.WaitForAsync($"SELECT count(*) FROM sensors WHERE sensor = '{id}' AND site = 'site1'", 1);
        await _collector.WaitForAsync($"SELECT count(*) FROM anomalies WHERE sensor = '{id}'", 1);
        Assert.Equal(["active|" + Serial], _collector.Strings($"SELECT state || '|' || device_serial FROM sensor_certificates WHERE sensor = '{id}'"));
        Assert.Equal(["approved|auto-approve rule"], _collector.Strings($"SELECT state || '|' || decided_by FROM provisioning_requests WHERE serial = '{Serial}'"));

        // The identity is one file only the sensor can read; the key it asked with is not left behind.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sensor.IdentityPath));
        Assert.False(File.Exists(Path.Combine(sensor.StateDirectory, "pending-key.pem")));
        using JsonDocument identity = JsonDocument.Parse(File.ReadAllText(sensor.IdentityPath));
        Assert.Equal(1, identity.RootElement.GetProperty("configuration").GetProperty("version").GetInt64());
        // Its birth says which configuration version it runs.
        Assert.True(_collector.Scalar($"SELECT count(*) FROM messages WHERE sensor = '{id}' AND kind = 'status' AND payload LIKE '%\"state\":\"online\"%\"configVersion\":1%'") >= 1);

        // Started again, it is provisioned already: no second request, no second certificate.
        await using var again = new FactorySensor(_work, bundle, Serial, RepositoryPaths.SharedCapture(Capture));
        again.Start();
        Assert.Equal(0, await again.WaitForExitAsync());
        Assert.DoesNotContain("factory state", again.Log, StringComparison.Ordinal);
        Assert.Equal(1, _collector.Scalar("SELECT count(*) FROM sensor_certificates"));
    }

    [Fact]
    public async Task A_held_request_waits_for_an_admin_who_approves_it_through_the_api()
    {
        const string Serial = "10000000feedbeef";
        _collector = await TestCollector.StartOwnPkiAsync(Data, _port, "--site", "plant-default", LearningNever);
        string bundle = await FactorySensor.ClaimAsync(Data, Path.Combine(_work, "edge-provisioning.json"), $"127.0.0.1:{_port}");
        await using var sensor = new FactorySensor(_work, bundle, Serial, RepositoryPaths.SharedCapture(Capture));
        sensor.Start();
        await sensor.WaitForLogAsync("provisioning: pending");

        using HttpClient api = _collector.AdminApi();
        JsonElement requests = await api.GetFromJsonAsync<JsonElement>("/api/provisioning/requests");
        JsonElement request = Assert.Single(requests.EnumerateArray());
        Assert.Equal(Serial, request.GetProperty("serial").GetString());
        Assert.Equal("pending", request.GetProperty("state").GetString());
        Assert.Equal("claim.test-batch", request.GetProperty("claim").GetString());
        Assert.Equal(0, _collector.Scalar("SELECT count(*) FROM sensor_certificates"));

        // A viewer's session cannot approve; an admin token can, naming the sensor.
        using (HttpClient anonymous = _collector.Http())
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized,
                (await anonymous.PostAsJsonAsync($"/api/provisioning/requests/{Serial}/approve", new { site = "plant9", sensorId = "cabinet-9" })).StatusCode);
        }

        HttpResponseMessage approved = await api.PostAsJsonAsync($"/api/provisioning/requests/{Serial}/approve", new { site = "plant9", sensorId = "cabinet-9" });
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());

        Assert.Equal(0, await sensor.WaitForExitAsync());
        Assert.Contains("provisioning: approved as plant9/cabinet-9", sensor.Log, StringComparison.Ordinal);
        await _collector.WaitForAsync("SELECT count(*) FROM sensors WHERE sensor = 'cabinet-9' AND site = 'plant9'", 1);
        await _collector.WaitForAsync("SELECT count(*) FROM anomalies WHERE sensor = 'cabinet-9'", 1);
        Assert.StartsWith("token:", _collector.Strings($"SELECT decided_by FROM provisioning_requests WHERE serial = '{Serial}'").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sensor_killed_at_every_step_ends_up_provisioned_exactly_once()
    {
        string[] points = ["before-request", "after-request", "after-approval", "after-store"];
        string[] serials = [.. points.Select((_, i) => $"c0ffee0{i}")];
        _collector = await TestCollector.StartOwnPkiAsync(Data, _port, "--auto-approve", string.Join(',', serials));
        string bundle = await FactorySensor.ClaimAsync(Data, Path.Combine(_work, "edge-provisioning.json"), $"127.0.0.1:{_port}");
        for (int i = 0; i < points.Length; i++)
        {
            await using (var killed = new FactorySensor(_work, bundle, serials[i], RepositoryPaths.SharedCapture(Capture)))
            {
                killed.Start(crashAt: points[i]);
                int exit = await killed.WaitForExitAsync();
                Assert.True(exit != 0, $"{points[i]}: the sensor was not killed: {killed.Log}");
                Assert.Contains($"EDGE_CRASH_AT={points[i]}", killed.Log, StringComparison.Ordinal);
            }

            await using var restarted = new FactorySensor(_work, bundle, serials[i], RepositoryPaths.SharedCapture(Capture));
            restarted.Start();
            Assert.True(await restarted.WaitForExitAsync() == 0, $"{points[i]}: {restarted.Log}");
            Assert.Contains("uplink connected", restarted.Log, StringComparison.Ordinal);
            Assert.True(File.Exists(restarted.IdentityPath), points[i]);
            Assert.False(File.Exists(Path.Combine(restarted.StateDirectory, "pending-key.pem")), points[i]);
            Assert.Equal(1, _collector.Scalar($"SELECT count(*) FROM sensor_certificates WHERE device_serial = '{serials[i]}'"));
            Assert.Equal(1, _collector.Scalar($"SELECT count(*) FROM provisioning_requests WHERE serial = '{serials[i]}' AND state = 'approved'"));
        }
    }
}
