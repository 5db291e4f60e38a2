using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Collector.Hosting;
using Collector.Ingest;
using Collector.Storage;
using System.Text.Json;
using Edge.Contracts.Commands;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using MQTTnet;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Collector.Broker;

/// <summary>
/// The embedded MQTT 5 broker: one TLS listener that requires a client certificate from the collector's CA, whose
/// CN is the sensor id and must also be the MQTT client id. Ingest happens inside the broker's publish interceptor:
/// every publish is validated (<see cref="MessageValidator"/>, which includes the per-sensor topic ACL) and handed to
/// <see cref="IngestWriter"/>, and the interceptor returns, so the broker sends the QoS 1 PUBACK, only after the
/// transaction holding the message has committed. A sensor therefore never sees an acknowledgement for a message
/// the collector could still lose, and simply re-sends anything unacknowledged; the message id makes that harmless.
/// Nothing a sensor publishes is routed onwards. A sensor may subscribe to exactly one topic, its own command topic
/// (<see cref="CommandTopics"/>), where only the collector itself publishes (<see cref="SendAsync"/>).
/// </summary>
public sealed partial class BrokerService(
    IOptions<CollectorOptions> options,
    MessageValidator validator,
    IngestWriter writer,
    SensorAllowList sensors,
    TimeProvider time,
    ILogger<BrokerService> logger) : IHostedService, IDisposable, ISensorCommands
{
    /// <summary>The sender id of the collector's own commands: not a valid sensor id, so no client can claim it.</summary>
    private const string CollectorSender = "$collector";

    private MqttServer? _server;
    private int _inFlight;
    private BrokerCertificates? _certificates;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        CollectorOptions o = options.Value;
        if (!IPAddress.TryParse(o.MqttBind, out IPAddress? bind))
        {
            throw new CollectorConfigException($"--mqtt-bind '{o.MqttBind}' is not an IP address.");
        }

        _certificates = BrokerCertificates.Load(o);
        var clientValidator = new ClientCertificateValidator(_certificates.Ca);
        MqttServerOptions serverOptions = new MqttServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(bind)
            .WithEncryptedEndpointPort(o.MqttPort)
            .WithTlsEndpointReuseAddress()
            .WithEncryptionCertificate(_certificates.Server)
            .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
            .WithClientCertificate(clientValidator.Validate, checkCertificateRevocation: false)
            .WithPersistentSessions()
            .Build();

        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        _server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        _server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        await _server.StartAsync().ConfigureAwait(false);
        LogListening(bind, o.MqttPort);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }

        // Publishes already inside the interceptor (a sensor's death sent as both stop) get their commit: the ingest
        // writer stops after this service and drains what was submitted, but refuses what comes later.
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _server?.Dispose();
        _certificates?.Dispose();
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        X509Certificate2? certificate = e.ClientCertificate;
        if (!e.IsSecureConnection || certificate is null)
        {
            return Refuse(e, MqttConnectReasonCode.NotAuthorized, "a client certificate from the collector's CA is required");
        }

        string sensor = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!EdgeIds.IsValid(sensor))
        {
            return Refuse(e, MqttConnectReasonCode.NotAuthorized, $"certificate CN '{sensor}' is not a valid sensor id");
        }

        if (!string.Equals(e.ClientId, sensor, StringComparison.Ordinal))
        {
            return Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, $"client id must be the certificate's sensor id '{sensor}'");
        }

        if (!sensors.IsKnownSensor(sensor))
        {
            return Refuse(e, MqttConnectReasonCode.NotAuthorized, $"sensor '{sensor}' is not registered with this collector");
        }

        e.ReasonCode = MqttConnectReasonCode.Success;
        return Task.CompletedTask;
    }

    private Task Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string reason)
    {
        e.ReasonCode = code;
        e.ReasonString = reason;
        LogConnectRefused(e.ClientId, e.RemoteEndPoint, reason);
        return Task.CompletedTask;
    }

    public async Task<bool> SendAsync(string site, string sensor, SensorCommand command, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            LogCommandNotSent(sensor, command.Type, "the broker is not running");
            return false;
        }

        MqttApplicationMessage message = SensorCommandMessage.Build(site, sensor, command);
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = CollectorSender }, cancellationToken).ConfigureAwait(false);
        LogCommandSent(sensor, command.Type, command.IncidentId, command.By);
        return true;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == CollectorSender && CommandTopics.TryParse(e.ApplicationMessage.Topic, out _, out _))
        {
            return;   // the collector's own command: routed to the sensor's subscription
        }

        // The broker only ingests: nothing is forwarded to subscribers (there are none) or kept as retained.
        e.ProcessPublish = false;
        DateTimeOffset now = time.GetUtcNow();
        Interlocked.Increment(ref _inFlight);
        try
        {
            byte[] payload = e.ApplicationMessage.Payload.ToArray();
            Verdict verdict = validator.Validate(e.ClientId, e.ApplicationMessage.Topic, payload, now);
            if (verdict.Message is { } message)
            {
                await writer.SubmitAsync(message, e.CancellationToken).ConfigureAwait(false);
                e.Response.ReasonCode = MqttPubAckReasonCode.Success;
                return;
            }

            DeadLetter deadLetter = verdict.DeadLetter!;
            LogRejected(e.ClientId, e.ApplicationMessage.Topic, DeadLetterReasons.Name(deadLetter.Reason), deadLetter.Detail);
            await writer.SubmitAsync(deadLetter, e.CancellationToken).ConfigureAwait(false);
            e.Response.ReasonCode = PubAckFor(deadLetter.Reason);
            e.Response.ReasonString = $"{DeadLetterReasons.Name(deadLetter.Reason)}: {deadLetter.Detail}";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not stored (store failure, shutting down): no success PUBACK, so the sensor keeps the message and retries.
            LogIngestFailed(ex, e.ClientId, e.ApplicationMessage.Topic);
            e.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            e.Response.ReasonString = "not stored; retry";
            e.CloseConnection = true;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (CommandTopics.TryParse(e.TopicFilter.Topic, out _, out string sensor) && sensor == e.ClientId)
        {
            e.ProcessSubscription = true;
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.Response.ReasonString = "sensors publish only; the collector ingests in-process";
        return Task.CompletedTask;
    }

    private static MqttPubAckReasonCode PubAckFor(DeadLetterReason reason) => reason switch
    {
        DeadLetterReason.BadTopic => MqttPubAckReasonCode.TopicNameInvalid,
        DeadLetterReason.TopicNotClientIdentity or DeadLetterReason.UnknownSensor => MqttPubAckReasonCode.NotAuthorized,
        DeadLetterReason.BadJson or DeadLetterReason.UnsupportedSchemaVersion or DeadLetterReason.EnvelopeMismatch
            => MqttPubAckReasonCode.PayloadFormatInvalid,
        _ => MqttPubAckReasonCode.ImplementationSpecificError,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "command {Type} sent to sensor '{Sensor}' for incident {IncidentId} (by {By})")]
    private partial void LogCommandSent(string sensor, string type, string incidentId, string by);

    [LoggerMessage(Level = LogLevel.Warning, Message = "command {Type} to sensor '{Sensor}' not sent: {Reason}")]
    private partial void LogCommandNotSent(string sensor, string type, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening with TLS and client certificates on {Address}:{Port}")]
    private partial void LogListening(IPAddress address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "connect refused for client '{ClientId}' from {Remote}: {Reason}")]
    private partial void LogConnectRefused(string clientId, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "publish from '{ClientId}' on '{Topic}' dead-lettered ({Reason}): {Detail}")]
    private partial void LogRejected(string clientId, string topic, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "publish from '{ClientId}' on '{Topic}' not stored")]
    private partial void LogIngestFailed(Exception exception, string clientId, string topic);
}
