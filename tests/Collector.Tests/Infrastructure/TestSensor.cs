using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Collector.Tests.Infrastructure;

/// <summary>An MQTTnet 5 client as a sensor: TLS with a client certificate, QoS 1 publishes.</summary>
internal sealed class TestSensor : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;

    public TestSensor(int port, X509Certificate2 caTrusted, X509Certificate2? clientCertificate, string clientId,
        bool cleanStart = true, Action<MqttClientOptionsBuilder>? configure = null)
    {
        _client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCleanStart(cleanStart)
            .WithSessionExpiryInterval(cleanStart ? 0u : 3600u)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost("localhost").WithCertificateValidationHandler(e => TrustedBy(caTrusted, e.Certificate));
                if (clientCertificate is not null)
                {
                    tls.WithClientCertificates([clientCertificate]);
                }
            });
        configure?.Invoke(builder);
        _options = builder.Build();
    }

    public IMqttClient Client => _client;

    public bool IsConnected => _client.IsConnected;

    public Task<MqttClientConnectResult> ConnectAsync() => _client.ConnectAsync(_options);

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    /// <summary>MQTT 5: reason codes below 0x80 are success (0x10 "no matching subscribers" included).</summary>
    public static bool Acknowledged(MqttClientPublishResult result) => (int)result.ReasonCode < 0x80;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Already gone.
        }

        _client.Dispose();
    }

    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return Collector.Broker.ClientCertificateValidator.ChainsTo(ca, leaf, Collector.Broker.ClientCertificateValidator.ServerAuthenticationOid);
    }
}
