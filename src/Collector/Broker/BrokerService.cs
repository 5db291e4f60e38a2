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
    Provisioning.CollectorPki pki,
    Provisioning.ProvisioningService provisioning,
    TimeProvider time,
    ILogger<BrokerService> logger) : IHostedService, IDisposable, ISensorCommands
{
    /// <summary>The sender id of the collector's own commands: not a valid sensor id, so no client can claim it.</summary>
    private const string CollectorSender = "$collector";

    /// <summary>Session item: the connection's certificate identity (a sensor id, or a claim's <c>claim.&lt;batch&gt;</c>).</summary>
    private const string IdentityItem = "edge.identity";

    /// <summary>Session item: the address the client connected from (provisioning's per-source limit).</summary>
    private const string SourceItem = "edge.source";

    private MqttServer? _server;
    private int _inFlight;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        CollectorOptions o = options.Value;
        if (!IPAddress.TryParse(o.MqttBind, out IPAddress? bind))
        {
            throw new CollectorConfigException($"--mqtt-bind '{o.MqttBind}' is not an IP address.");
        }

        provisioning.Start();
        var clientValidator = new ClientCertificateValidator(pki.Ca);
        MqttServerOptions serverOptions = new MqttServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(bind)
            .WithEncryptedEndpointPort(o.MqttPort)
            .WithTlsEndpointReuseAddress()
            .WithEncryptionCertificate(pki.Server)
            .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
            .WithClientCertificate(clientValidator.Validate, checkCertificateRevocation: false)
            .WithPersistentSessions()
            .Build();

        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        _server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        _server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        await _server.StartAsync().ConfigureAwait(false);
        provisioning.Publisher = InjectAsync;
        provisioning.Disconnect = DisconnectAsync;
        foreach (Provisioning.Outgoing config in provisioning.RetainedConfigurations())
        {
            await InjectAsync(config).ConfigureAwait(false);
        }

        LogListening(bind, o.MqttPort);
    }

    /// <summary>Publishes as the collector itself (provisioning answers, retained configurations).</summary>
    private async Task InjectAsync(Provisioning.Outgoing message)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        MqttApplicationMessage m = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithRetainFlag(message.Retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(m) { SenderClientId = CollectorSender }).ConfigureAwait(false);
    }

    /// <summary>Drops a client's connection at once (a revoked sensor); its next connect is refused.</summary>
    private async Task DisconnectAsync(string clientId)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        foreach (MqttClientStatus client in await server.GetClientsAsync().ConfigureAwait(false))
        {
            if (client.Id == clientId)
            {
                await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized, ReasonString = "certificate revoked" }).ConfigureAwait(false);
            }
        }
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
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        X509Certificate2? certificate = e.ClientCertificate;
        if (!e.IsSecureConnection || certificate is null)
        {
            return Refuse(e, MqttConnectReasonCode.NotAuthorized, "a client certificate from the collector's CA is required");
        }

        if (provisioning.IsRevoked(certificate.SerialNumber))
        {
            return Refuse(e, MqttConnectReasonCode.NotAuthorized, $"certificate {certificate.SerialNumber.ToLowerInvariant()} was revoked");
        }

        string sensor = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        e.SessionItems[SourceItem] = e.RemoteEndPoint is IPEndPoint ip ? ip.Address.ToString() : e.RemoteEndPoint?.ToString() ?? "?";
        if (Edge.Contracts.Provisioning.ProvisioningTopics.IsClaim(sensor))
        {
            // A claim: a device in factory state, connecting with its serial number as client id, may only ask to be
            // provisioned (its own request and response topics); nothing it publishes is ingested.
            if (!EdgeIds.IsValid(e.ClientId) || Edge.Contracts.Provisioning.ProvisioningTopics.IsClaim(e.ClientId))
            {
                return Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, $"a claim connects with the device's serial number as client id, not '{e.ClientId}'");
            }

            e.SessionItems[IdentityItem] = sensor;
            e.ReasonCode = MqttConnectReasonCode.Success;
            return Task.CompletedTask;
        }

        e.SessionItems[IdentityItem] = sensor;
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
        string topic = e.ApplicationMessage.Topic;
        if (e.ClientId == CollectorSender && (topic.StartsWith(CommandTopics.Root + "/", StringComparison.Ordinal)
            || Edge.Contracts.Provisioning.ProvisioningTopics.TryParse(topic, out _, out _, out _)))
        {
            return;   // the collector's own command, configuration or provisioning answer: routed to the subscriber
        }

        string identity = e.SessionItems[IdentityItem] as string ?? string.Empty;
        if (Edge.Contracts.Provisioning.ProvisioningTopics.TryParse(topic, out string topicIdentity, out string topicClient, out string level))
        {
            e.ProcessPublish = false;
            if (level != Edge.Contracts.Provisioning.ProvisioningTopics.RequestLevel || topicIdentity != identity || topicClient != e.ClientId)
            {
                e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
                e.Response.ReasonString = "a client may publish only its own provisioning request";
                LogProvisioningRefused(e.ClientId, topic);
                return;
            }

            Provisioning.Outgoing? answer = provisioning.HandleRequest(identity, e.ClientId, e.SessionItems[SourceItem] as string, e.ApplicationMessage.Payload.ToArray());
            e.Response.ReasonCode = MqttPubAckReasonCode.Success;
            if (answer is not null)
            {
                await InjectAsync(answer).ConfigureAwait(false);
            }

            return;
        }

        if (Edge.Contracts.Provisioning.ProvisioningTopics.IsClaim(identity))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            e.Response.ReasonString = "a claim certificate may only ask to be provisioned";
            LogProvisioningRefused(e.ClientId, topic);
            return;
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
        string filter = e.TopicFilter.Topic;
        string identity = e.SessionItems[IdentityItem] as string ?? string.Empty;
        bool claim = Edge.Contracts.Provisioning.ProvisioningTopics.IsClaim(identity);
        bool allowed = claim
            ? filter == Edge.Contracts.Provisioning.ProvisioningTopics.Response(identity, e.ClientId)
            : (CommandTopics.TryParse(filter, out _, out string sensor) && sensor == e.ClientId)
              || (CommandTopics.TryParseConfig(filter, out _, out string configSensor) && configSensor == e.ClientId)
              || (filter.EndsWith("/#", StringComparison.Ordinal) && CommandTopics.TryParse(filter[..^2], out _, out string allSensor) && allSensor == e.ClientId)
              || (identity == e.ClientId && EdgeIds.IsValid(identity) && filter == Edge.Contracts.Provisioning.ProvisioningTopics.Response(identity, identity));
        if (allowed)
        {
            e.ProcessSubscription = true;
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.Response.ReasonString = claim ? "a claim may subscribe only to its own provisioning response" : "sensors publish only; the collector ingests in-process";
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "publish from '{ClientId}' on '{Topic}' refused: not its own provisioning request")]
    private partial void LogProvisioningRefused(string clientId, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening with TLS and client certificates on {Address}:{Port}")]
    private partial void LogListening(IPAddress address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "connect refused for client '{ClientId}' from {Remote}: {Reason}")]
    private partial void LogConnectRefused(string clientId, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "publish from '{ClientId}' on '{Topic}' dead-lettered ({Reason}): {Detail}")]
    private partial void LogRejected(string clientId, string topic, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "publish from '{ClientId}' on '{Topic}' not stored")]
    private partial void LogIngestFailed(Exception exception, string clientId, string topic);
}
