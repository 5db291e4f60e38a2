using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using Edge.Contracts.Provisioning;
using Edge.Contracts.Serialization;
using MQTTnet;
using MQTTnet.Protocol;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// A device holding a claim bundle, speaking the provisioning protocol by hand as the sensor's ProvisioningClient does
/// (client id = serial, TLS client certificate = the claim, the answer on <c>edge-prov/v1/&lt;claim&gt;/&lt;serial&gt;/response</c>,
/// the request on <c>.../request</c>), so a test can send what a real sensor never would: hostile strings.
/// </summary>
internal sealed class ClaimDevice : IAsyncDisposable
{
    private readonly TestSensor _mqtt;
    private readonly X509Certificate2 _claim;
    private readonly X509Certificate2 _ca;
    private readonly Channel<ProvisioningResponse> _answers = Channel.CreateUnbounded<ProvisioningResponse>();

    private ClaimDevice(TestSensor mqtt, X509Certificate2 claim, X509Certificate2 ca, string claimId, string clientId)
    {
        _mqtt = mqtt;
        _claim = claim;
        _ca = ca;
        ClaimId = claimId;
        ClientId = clientId;
    }

    public string ClaimId { get; }

    public string ClientId { get; }

    /// <summary>Connects to the collector's broker on <paramref name="port"/> with the bundle's claim and subscribes to its answers.</summary>
    public static async Task<ClaimDevice> ConnectAsync(string bundlePath, int port, string clientId)
    {
        ProvisioningBundle bundle = JsonSerializer.Deserialize(await File.ReadAllTextAsync(bundlePath), EdgeJsonContext.Default.ProvisioningBundle)!;
        X509Certificate2 claim = X509Certificate2.CreateFromPem(bundle.ClaimCertificate, bundle.ClaimKey);
        X509Certificate2 ca = X509Certificate2.CreateFromPem(bundle.CaCertificate);
        string claimId = claim.GetNameInfo(X509NameType.SimpleName, false);
        var mqtt = new TestSensor(port, ca, claim, clientId);
        var device = new ClaimDevice(mqtt, claim, ca, claimId, clientId);
        string responses = ProvisioningTopics.Response(claimId, clientId);
        mqtt.Client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == responses
                && JsonSerializer.Deserialize(e.ApplicationMessage.Payload.ToArray(), EdgeJsonContext.Default.ProvisioningResponse) is { } answer)
            {
                device._answers.Writer.TryWrite(answer);
            }

            return Task.CompletedTask;
        };
        MqttClientConnectResult connected = await mqtt.ConnectAsync();
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        await mqtt.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(responses).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        return device;
    }

    /// <summary>A well-formed request for a fresh P-256 key (the CSR is real); the descriptive fields are the caller's.</summary>
    public static ProvisioningRequest NewRequest(string serial, string? hardwareProfile, string? sensorVersion, IReadOnlyList<InterfaceInfo>? interfaces)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new ProvisioningRequest
        {
            Serial = serial,
            Csr = new CertificateRequest("CN=test-device", key, HashAlgorithmName.SHA256).CreateSigningRequestPem(),
            RequestId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            HardwareProfile = hardwareProfile,
            SensorVersion = sensorVersion,
            Interfaces = interfaces,
            At = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Publishes <paramref name="request"/> (QoS 1) and returns the collector's answer to it.</summary>
    public async Task<ProvisioningResponse> RequestAsync(ProvisioningRequest request)
    {
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(request, EdgeJsonContext.Default.ProvisioningRequest);
        MqttClientPublishResult published = await _mqtt.PublishAsync(ProvisioningTopics.Request(ClaimId, ClientId), payload);
        Assert.True(TestSensor.Acknowledged(published), $"the request was not accepted: {published.ReasonCode} {published.ReasonString}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _answers.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _mqtt.DisposeAsync();
        _claim.Dispose();
        _ca.Dispose();
    }
}
