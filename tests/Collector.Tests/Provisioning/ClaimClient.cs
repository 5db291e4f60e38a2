using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using Edge.Contracts.Provisioning;
using Edge.Contracts.Serialization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Collector.Tests.Provisioning;

/// <summary>
/// A device holding a claim bundle, as an MQTTnet client of its own (not the sensor): for requests the real sensor
/// would never send (bad CSRs, weak keys, other serials, oversized or hostile payloads).
/// </summary>
internal sealed class ClaimClient : IAsyncDisposable
{
    private readonly Channel<ProvisioningResponse> _answers = Channel.CreateUnbounded<ProvisioningResponse>();

    private ClaimClient(IMqttClient client, string claim, string serial)
    {
        Client = client;
        Claim = claim;
        Serial = serial;
    }

    public IMqttClient Client { get; }

    public string Claim { get; }

    public string Serial { get; }

    public static (X509Certificate2 Claim, X509Certificate2 Ca) Load(string bundlePath)
    {
        ProvisioningBundle bundle = JsonSerializer.Deserialize(File.ReadAllText(bundlePath), EdgeJsonContext.Default.ProvisioningBundle)!;
        return (X509Certificate2.CreateFromPem(bundle.ClaimCertificate, bundle.ClaimKey), X509Certificate2.CreateFromPem(bundle.CaCertificate));
    }

    public static async Task<ClaimClient> ConnectAsync(int port, X509Certificate2 claim, X509Certificate2 ca, string serial)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult result = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(serial)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(o => o.UseTls().WithClientCertificates([claim]).WithCertificateValidationHandler(e =>
                Collector.Broker.ClientCertificateValidator.ChainsTo(ca, X509CertificateLoader.LoadCertificate(e.Certificate.GetRawCertData()),
                    Collector.Broker.ClientCertificateValidator.ServerAuthenticationOid)))
            .Build());
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        string claimId = claim.GetNameInfo(X509NameType.SimpleName, false);
        var self = new ClaimClient(client, claimId, serial);
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == ProvisioningTopics.Response(claimId, serial))
            {
                self._answers.Writer.TryWrite(JsonSerializer.Deserialize(e.ApplicationMessage.Payload.ToArray(), EdgeJsonContext.Default.ProvisioningResponse)!);
            }

            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await self.SubscribeAsync(ProvisioningTopics.Response(claimId, serial)));
        return self;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        MqttClientSubscribeResult r = await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        return r.Items.Single().ResultCode;
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload) =>
        await Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>Publishes a request on its own request topic and waits for the answer.</summary>
    public async Task<ProvisioningResponse> AskAsync(byte[] payload)
    {
        MqttClientPublishResult published = await PublishAsync(ProvisioningTopics.Request(Claim, Serial), payload);
        Assert.True(published.IsSuccess, $"{published.ReasonCode} {published.ReasonString}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _answers.Reader.ReadAsync(timeout.Token);
    }

    public Task<ProvisioningResponse> AskAsync(ProvisioningRequest request) =>
        AskAsync(JsonSerializer.SerializeToUtf8Bytes(request, EdgeJsonContext.Default.ProvisioningRequest));

    /// <summary>A well-formed request for <paramref name="key"/> (ECDSA P-256 when null).</summary>
    public ProvisioningRequest Request(AsymmetricAlgorithm? key = null, string? serial = null)
    {
        key ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest csr = key switch
        {
            ECDsa ec => new CertificateRequest($"CN={Serial}", ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest($"CN={Serial}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("ECDsa or RSA", nameof(key)),
        };
        return new ProvisioningRequest
        {
            Serial = serial ?? Serial,
            Csr = csr.CreateSigningRequestPem(),
            RequestId = Guid.NewGuid().ToString("N")[..16],
            HardwareProfile = "test-client",
            SensorVersion = "0.0.0-test",
            Interfaces = [new InterfaceInfo("eth0", "02:00:00:00:00:01")],
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync();
        }

        Client.Dispose();
    }
}
