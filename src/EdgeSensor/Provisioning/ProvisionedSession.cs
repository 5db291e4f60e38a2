using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Edge.Contracts.Commands;
using Edge.Contracts.Provisioning;
using Edge.Contracts.Serialization;
using EdgeSensor.Hosting;
using EdgeSensor.Publishing.Mqtt;

namespace EdgeSensor.Provisioning;

/// <summary>
/// A provisioned sensor's conversation with its collector beyond findings, over the uplink:
/// <list type="bullet">
/// <item>configuration: a new version retained on <c>edge-cmd/v1/&lt;site&gt;/&lt;sensor&gt;/config</c> is checked
/// (as a configuration file would be, on this box), stored with the identity, and applied by starting the sensor's
/// pipeline again (state saved and loaded: nothing learned is lost); a version it cannot run is refused with the
/// reason, which the next status reports, and the previous one stays;</item>
/// <item>renewal: two thirds into its certificate's validity the sensor makes a new key, asks over its own connection
/// (<c>edge-prov/v1/&lt;sensor&gt;/&lt;sensor&gt;/request</c>), stores the new certificate with the key, and reconnects
/// with it; capture never stops.</item>
/// </list>
/// </summary>
public sealed class ProvisionedSession(SensorRuntime runtime, Action requestRestart, Action<string> log)
{
    /// <summary>How often the certificate's age is looked at.</summary>
    public static readonly TimeSpan RenewalCheck = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private SensorIdentity _identity = runtime.Config.Identity!;
    private MqttUplink? _uplink;

    public string ConfigTopic => CommandTopics.Config(runtime.Config.Site, runtime.Config.SensorId);

    public string RenewalResponseTopic => ProvisioningTopics.Response(runtime.Config.SensorId, runtime.Config.SensorId);

    public IReadOnlyList<string> Topics => [ConfigTopic, RenewalResponseTopic];

    private ProvisioningConfig Paths => runtime.Config.Provisioning!;

    private string RenewalKeyFile => Path.Combine(Paths.StateDirectory, "renewal-key.pem");

    public (long? Version, string? Refused) ConfigState()
    {
        lock (_lock)
        {
            return (_identity.Configuration.Version, _identity.ConfigRefused);
        }
    }

    /// <summary>The identity as it is now (renewed certificates included): what the uplink connects with.</summary>
    public X509Certificate2 ClientCertificate()
    {
        lock (_lock)
        {
            return _identity.ClientCertificate();
        }
    }

    public void Attach(MqttUplink uplink) => _uplink = uplink;

    public async Task OnMessageAsync(string topic, byte[] payload)
    {
        if (topic == ConfigTopic)
        {
            await OnConfigurationAsync(payload);
        }
        else if (topic == RenewalResponseTopic)
        {
            await OnRenewalAsync(payload);
        }
    }

    private async Task OnConfigurationAsync(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return;   // a retained configuration cleared (decommissioned)
        }

        SensorConfiguration? candidate;
        try
        {
            candidate = JsonSerializer.Deserialize(payload, EdgeJsonContext.Default.SensorConfiguration);
        }
        catch (JsonException e)
        {
            candidate = null;
            log($"configuration refused: not a configuration ({e.Message.Split('\n')[0]})");
        }

        if (candidate is null)
        {
            return;
        }

        string? error;
        lock (_lock)
        {
            if (candidate.Version <= _identity.Configuration.Version)
            {
                return;   // the retained copy of what runs, sent again at every connect
            }

            error = candidate.Site != _identity.Configuration.Site || candidate.SensorId != _identity.Configuration.SensorId
                ? $"site and sensor id are fixed by the certificate ({_identity.Configuration.Site}/{_identity.Configuration.SensorId})"
                : candidate.SchemaVersion != Edge.Contracts.SchemaInfo.Version ? $"schema version {candidate.SchemaVersion}, expected {Edge.Contracts.SchemaInfo.Version}"
                : ProvisionedConfig.Check(runtime.Config.Local!, _identity, candidate);
            _identity = error is null
                ? _identity with { Configuration = candidate, ConfigRefused = null }
                : _identity with { ConfigRefused = $"version {candidate.Version}: {error}" };
            _identity.Save(Paths.IdentityFile);
        }

        if (error is not null)
        {
            log($"configuration version {candidate.Version} refused, version {_identity.Configuration.Version} stays: {error}");
            if (_uplink is not null)
            {
                await _uplink.PublishPhaseAsync(CancellationToken.None);
            }

            return;
        }

        log($"configuration version {candidate.Version} (by {candidate.ChangedBy ?? "?"}) stored; starting again with it");
        requestRestart();
    }

    /// <summary>Renews the certificate when it is due; runs beside the uplink until <paramref name="stop"/>.</summary>
    public async Task RenewWhenDueAsync(CancellationToken stop)
    {
        DateTime lastAsked = DateTime.MinValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RenewalCheck, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            SensorIdentity identity;
            lock (_lock)
            {
                identity = _identity;
            }

            if (DateTimeOffset.UtcNow < identity.RenewAt() || _uplink is not { IsConnected: true } uplink || DateTime.UtcNow - lastAsked < TimeSpan.FromSeconds(30))
            {
                continue;
            }

            using ECDsa key = SensorIdentity.LoadOrCreatePendingKey(RenewalKeyFile);
            var request = new ProvisioningRequest
            {
                Serial = identity.Serial,
                Csr = SensorIdentity.Csr(key, identity.Serial),
                RequestId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16],
                SensorVersion = Cli.ProductVersion.Text,
                HardwareProfile = runtime.Config.Status.HardwareProfile,
                ConfigVersion = identity.Configuration.Version,
                At = DateTimeOffset.UtcNow,
            };
            lastAsked = DateTime.UtcNow;
            bool sent = await uplink.PublishAsync(ProvisioningTopics.Request(runtime.Config.SensorId, runtime.Config.SensorId),
                JsonSerializer.SerializeToUtf8Bytes(request, EdgeJsonContext.Default.ProvisioningRequest), stop);
            log(sent ? $"certificate due for renewal (since {identity.RenewAt():u}): request {request.RequestId} sent" : "certificate due for renewal: request not sent; trying again");
        }
    }

    private Task OnRenewalAsync(byte[] payload)
    {
        ProvisioningResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize(payload, EdgeJsonContext.Default.ProvisioningResponse);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null || answer.Status != ProvisioningResponse.Approved || answer.Certificate is null || !File.Exists(RenewalKeyFile))
        {
            log($"renewal: {(answer is null ? "unreadable answer" : $"{answer.Status}: {answer.Reason}")}");
            return Task.CompletedTask;
        }

        using ECDsa key = SensorIdentity.LoadOrCreatePendingKey(RenewalKeyFile);
        lock (_lock)
        {
            using X509Certificate2 cert = X509Certificate2.CreateFromPem(answer.Certificate);
            using ECDsa? certKey = cert.GetECDsaPublicKey();
            using X509Certificate2 ca = _identity.Ca();
            if (certKey is null || !certKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo())
                || !ProvisioningClient.ChainsTo(cert, ca) || cert.GetNameInfo(X509NameType.SimpleName, false) != _identity.Configuration.SensorId)
            {
                log("renewal: the certificate is not for the renewal key, this sensor or the pinned CA; ignored");
                return Task.CompletedTask;
            }

            _identity = _identity with { KeyPem = key.ExportPkcs8PrivateKeyPem(), CertificatePem = answer.Certificate };
            _identity.Save(Paths.IdentityFile);
            File.Delete(RenewalKeyFile);
            log($"certificate renewed: {cert.SerialNumber.ToLowerInvariant()}, valid to {cert.NotAfter.ToUniversalTime():u}; reconnecting with it");
        }

        _uplink?.RequestReconnect();
        return Task.CompletedTask;
    }
}
