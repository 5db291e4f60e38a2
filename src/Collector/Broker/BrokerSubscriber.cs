using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using Collector.Hosting;
using Collector.Ingest;
using Collector.Storage;
using System.Text.Json;
using Edge.Contracts.Commands;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Collector.Broker;

/// <summary>
/// Ingest from an external broker (<c>--broker mqtts://host:port</c>, Mosquitto in our tests) instead of the embedded
/// one. The collector is an MQTT 5 client with its own certificate, a stable client id and a persistent session, so
/// the broker queues what arrives while it restarts. It subscribes to
/// <see cref="EdgeTopics.SharedSubscriptionFilter"/>: collectors in one share group split the stream, each message
/// going to one of them. Every message is acknowledged by hand, only after the transaction holding it (or its dead
/// letter) has committed; a message that could not be stored is never acknowledged and the connection is dropped,
/// so the broker redelivers it on reconnect (the message id makes redelivery harmless).
/// <para>The broker, not the collector, binds topics to identities here: its ACL must let a certificate publish only
/// under its own sensor id (the README has a Mosquitto configuration that does).</para>
/// </summary>
public sealed partial class BrokerSubscriber(
    IOptions<CollectorOptions> options,
    MessageValidator validator,
    IngestWriter writer,
    Provisioning.CollectorPki pki,
    Provisioning.ProvisioningService provisioning,
    TimeProvider time,
    ILogger<BrokerSubscriber> logger) : BackgroundService, ISensorCommands
{
    /// <summary>Publishes a command to the sensor through the external broker (its ACL must let the collector write edge-cmd/v1/#).</summary>
    public async Task<bool> SendAsync(string site, string sensor, SensorCommand command, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            LogCommandNotSent(sensor, command.Type, "not connected to the broker");
            return false;
        }

        MqttApplicationMessage message = SensorCommandMessage.Build(site, sensor, command);
        try
        {
            MqttClientPublishResult result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                LogCommandNotSent(sensor, command.Type, $"the broker refused it: {result.ReasonCode} {result.ReasonString}");
                return false;
            }
        }
        catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            LogCommandNotSent(sensor, command.Type, e.Message);
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "command {Type} to sensor '{Sensor}' not sent: {Reason}")]
    private partial void LogCommandNotSent(string sensor, string type, string reason);

    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _lost = new(0, 1);
    private readonly Lock _inflightLock = new();
    private readonly HashSet<Task> _inflight = [];
    private volatile bool _subscribed;

    /// <summary>Connected and subscribed: messages flow (health, and tests waiting for a collector to be ready).</summary>
    public bool IsSubscribed => _subscribed;

    /// <summary>Messages received and not yet acknowledged (stored or dead-lettered, or failed).</summary>
    public int InFlight
    {
        get
        {
            lock (_inflightLock)
            {
                return _inflight.Count;
            }
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        provisioning.Start();
        provisioning.Publisher = PublishAsync;
        _client.DisconnectedAsync += _ =>
        {
            _subscribed = false;
            Signal();
            return Task.CompletedTask;
        };
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // The ingest writer stops after this service: let what was received commit and be acknowledged first.
        Task[] pending;
        lock (_inflightLock)
        {
            pending = [.. _inflight];
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None)
            .ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                    .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // Gone already; the session stays on the broker either way.
            }
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        _lost.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CollectorOptions o = options.Value;
        BrokerEndpoint endpoint = BrokerEndpoint.Parse(o.Broker!);
        TimeSpan backoff = MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConnectAndSubscribeAsync(endpoint, o, stoppingToken).ConfigureAwait(false);
                backoff = MinBackoff;
                await _lost.WaitAsync(stoppingToken).ConfigureAwait(false);
                if (_client.IsConnected)
                {
                    // A message could not be stored: reconnect so the broker redelivers what is unacknowledged.
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                        .WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build(), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MqttCommunicationException or MqttProtocolViolationException or InvalidOperationException
                or IOException or TimeoutException or OperationCanceledException or BrokerRefusedException)
            {
                LogLinkDown(endpoint.ToString(), ex.Message.Split('\n')[0], backoff.TotalSeconds);
                await Task.Delay(Jitter(backoff), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private async Task ConnectAndSubscribeAsync(BrokerEndpoint endpoint, CollectorOptions o, CancellationToken stoppingToken)
    {
        while (_lost.CurrentCount > 0)
        {
            await _lost.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        MqttClientOptions clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(o.CollectorId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)Math.Max(0, o.SessionExpirySeconds))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithReceiveMaximum((ushort)Math.Clamp(o.MaxBatch * 2, 20, ushort.MaxValue))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(endpoint.Host)
                .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                .WithClientCertificates([pki.Client ?? pki.Server])
                .WithCertificateValidationHandler(e => ChainsTo(pki.Ca, e.Certificate)))
            .Build();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        MqttClientConnectResult connected = await _client.ConnectAsync(clientOptions, timeout.Token).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new BrokerRefusedException($"broker refused the connection: {connected.ResultCode} {connected.ReasonString}");
        }

        // Always (re)subscribe: harmless when the session kept the subscriptions, needed when it did not. Status also
        // unshared, so every collector learns each sensor's retained birth or will (duplicates are dropped by id).
        MqttClientSubscribeResult subscribed = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(EdgeTopics.SharedSubscriptionFilter(o.ShareGroup)).WithAtLeastOnceQoS())
            .WithTopicFilter(f => f.WithTopic(EdgeTopics.KindFilter(EdgeTopicKind.Status)).WithAtLeastOnceQoS())
            .WithTopicFilter(f => f.WithTopic($"$share/{o.ShareGroup}/{Edge.Contracts.Provisioning.ProvisioningTopics.Root}/+/+/{Edge.Contracts.Provisioning.ProvisioningTopics.RequestLevel}").WithAtLeastOnceQoS())
            .Build(), timeout.Token).ConfigureAwait(false);
        foreach (MqttClientSubscribeResultItem item in subscribed.Items)
        {
            if ((int)item.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2)
            {
                throw new BrokerRefusedException($"subscription to '{item.TopicFilter.Topic}' refused: {item.ResultCode}");
            }
        }

        _subscribed = true;
        foreach (Provisioning.Outgoing config in provisioning.RetainedConfigurations())
        {
            await PublishAsync(config).ConfigureAwait(false);
        }

        LogSubscribed(endpoint.ToString(), o.CollectorId, o.ShareGroup, connected.IsSessionPresent);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Return at once so the client keeps reading; the acknowledgement follows the commit (group commit batches
        // whatever arrives meanwhile, up to the receive maximum the broker may have in flight).
        e.AutoAcknowledge = false;
        Task handling = HandleAsync(e, e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
        lock (_inflightLock)
        {
            _inflight.Add(handling);
        }

        _ = handling.ContinueWith(t =>
        {
            lock (_inflightLock)
            {
                _inflight.Remove(t);
            }
        }, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>Publishes what provisioning decided (answers, retained configurations) through the external broker.</summary>
    private async Task PublishAsync(Provisioning.Outgoing outgoing)
    {
        if (!_client.IsConnected)
        {
            LogProvisioningNotSent(outgoing.Topic, "not connected to the broker");
            return;
        }

        try
        {
            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(outgoing.Topic).WithPayload(outgoing.Payload)
                .WithRetainFlag(outgoing.Retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            LogProvisioningNotSent(outgoing.Topic, e.Message);
        }
    }

    private async Task HandleAsync(MqttApplicationMessageReceivedEventArgs e, string topic, byte[] payload)
    {
        await Task.Yield();
        if (Edge.Contracts.Provisioning.ProvisioningTopics.TryParse(topic, out string identity, out string clientId, out string level))
        {
            // The broker's ACL bound the topic's identity and client id to the publisher's certificate and client id.
            if (level == Edge.Contracts.Provisioning.ProvisioningTopics.RequestLevel
                && provisioning.HandleRequest(identity, clientId, null, payload) is { } answer)
            {
                await PublishAsync(answer).ConfigureAwait(false);
            }

            try
            {
                await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                LogAckLost(topic, ex.Message.Split('\n')[0]);
            }

            return;
        }

        try
        {
            Verdict verdict = validator.ValidateRelayed(topic, payload, time.GetUtcNow());
            if (verdict.Message is { } message)
            {
                await writer.SubmitAsync(message, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                DeadLetter deadLetter = verdict.DeadLetter!;
                LogRejected(topic, DeadLetterReasons.Name(deadLetter.Reason), deadLetter.Detail);
                await writer.SubmitAsync(deadLetter, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogIngestFailed(ex, topic);
            Signal();
            return;
        }

        try
        {
            await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // Stored, but the link went before the PUBACK: the broker redelivers and the duplicate is dropped by id.
            LogAckLost(topic, ex.Message.Split('\n')[0]);
        }
    }

    private void Signal()
    {
        try
        {
            _lost.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private static bool ChainsTo(X509Certificate2 ca, X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return ClientCertificateValidator.ChainsTo(ca, leaf, ClientCertificateValidator.ServerAuthenticationOid);
    }

    private static TimeSpan Jitter(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "provisioning message on '{Topic}' not sent: {Reason}")]
    private partial void LogProvisioningNotSent(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "ingesting from {Broker} as '{ClientId}' in share group '{Group}' (session present: {SessionPresent})")]
    private partial void LogSubscribed(string broker, string clientId, string group, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "broker {Broker} unavailable ({Reason}); retrying in {Seconds:0.##} s")]
    private partial void LogLinkDown(string broker, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "message on '{Topic}' dead-lettered ({Reason}): {Detail}")]
    private partial void LogRejected(string topic, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "message on '{Topic}' not stored; reconnecting so the broker redelivers it")]
    private partial void LogIngestFailed(Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "message on '{Topic}' stored but its acknowledgement was lost ({Reason}); a redelivery will be dropped as a duplicate")]
    private partial void LogAckLost(string topic, string reason);

    private sealed class BrokerRefusedException(string message) : Exception(message);
}
