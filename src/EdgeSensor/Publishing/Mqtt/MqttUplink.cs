using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Edge.Contracts.Lifecycle;
using Edge.Contracts.Messaging;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using EdgeSensor.Publishing.Outbox;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeSensor.Publishing.Mqtt;

/// <summary>
/// The sensor's uplink: drains the outbox to the broker with QoS 1 and removes a record only after the broker's
/// PUBACK; keeps a persistent MQTT 5 session; announces itself with a retained birth (state "online", bdSeq) and leaves
/// a retained last will with the same bdSeq, so the collector can tell a dead sensor from a restarted one. MQTTnet 5
/// has no managed client: this is the reconnect loop (exponential backoff with jitter). It never runs on the capture
/// thread; producers only append to the outbox and <see cref="Notify"/>.
/// </summary>
public sealed class MqttUplink : IAsyncDisposable
{
    private const int Batch = 100;

    /// <summary>A collector that subscribes again is heard within about this long.</summary>
    private static readonly TimeSpan MaxUnheardBackoff = TimeSpan.FromSeconds(10);

    private readonly UplinkOptions _options;
    private readonly IOutbox _outbox;
    private readonly Action<string> _log;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly IMqttClient _client;

    /// <summary>
    /// Serialises the statuses that carry the phase (the birth on the uplink's loop, a phase change from the caller's
    /// thread), so that a change asked for while the birth is in flight is compared with the birth, not sent twice.
    /// </summary>
    private readonly SemaphoreSlim _statusGate = new(1, 1);
    private string? _lastPhase;
    private int _reconnect;

    public MqttUplink(UplinkOptions options, IOutbox outbox, Action<string> log)
    {
        _options = options;
        _outbox = outbox;
        _log = log;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Commands received and handed on; refused ones (bad topic, JSON or fields) are logged and dropped.</summary>
    public long Commands { get; private set; }

    public long Published { get; private set; }

    public long Connects { get; private set; }

    /// <summary>
    /// Times the broker answered "no matching subscribers": it accepted the finding but nobody (no collector) was
    /// subscribed, so it went nowhere. The finding stays in the outbox and is offered again after a backoff.
    /// </summary>
    public long Unheard { get; private set; }

    public long BdSeq { get; private set; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>New records are in the outbox.</summary>
    public void Notify()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = _options.MinBackoff;
        var unheardBackoff = _options.MinBackoff;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (Interlocked.Exchange(ref _reconnect, 0) == 1 && _client.IsConnected)
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), stop);
                }

                if (!_client.IsConnected)
                {
                    await ConnectAsync(stop);
                    backoff = _options.MinBackoff;
                }

                if (!await DrainAsync(stop))
                {
                    // Connected, but no collector listens (e.g. Mosquitto restarted and has not got the collectors'
                    // shared subscriptions back yet): keep the findings and offer them again later.
                    if (unheardBackoff == _options.MinBackoff)
                    {
                        _log($"broker {_options.Host}:{_options.Port} has no subscriber for findings; keeping {_outbox.Count} in the outbox and retrying");
                    }

                    await Delay(Jitter(unheardBackoff), stop);
                    unheardBackoff = TimeSpan.FromTicks(Math.Min(Math.Min(_options.MaxBackoff.Ticks, MaxUnheardBackoff.Ticks), unheardBackoff.Ticks * 2));
                    continue;
                }

                unheardBackoff = _options.MinBackoff;
                await Task.WhenAny(_wake.WaitAsync(stop), Task.Delay(TimeSpan.FromSeconds(1), stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or IOException or MqttProtocolViolationException or TimeoutException or OperationCanceledException)
            {
                _log($"uplink to {_options.Host}:{_options.Port} lost ({e.Message.Split('\n')[0]}); retrying in {backoff.TotalSeconds:0.#} s");
                await Delay(Jitter(backoff), stop);
                backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }

        if (_client.IsConnected)
        {
            // A clean stop: say so (the broker drops the will on a normal disconnect). The link may drop meanwhile.
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await PublishStatusAsync(SensorStatusRecord.Death(BdSeq, _options.SensorVersion), timeout.Token);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
            }
            catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or IOException or OperationCanceledException)
            {
                _log($"uplink closed without its death message ({e.Message.Split('\n')[0]}); the broker sends the will");
            }
        }
    }

    private async Task ConnectAsync(CancellationToken stop)
    {
        BdSeq = NextBdSeq();
        var will = Envelope(SensorStatusRecord.Death(BdSeq, _options.SensorVersion));
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.Sensor)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithWillTopic(EdgeTopics.StatusTopic(_options.Site, _options.Sensor))
            .WithWillPayload(will)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.ClientCertificate is not null)
        {
            var certificate = _options.ClientCertificate();
            var ca = _options.Ca;
            builder = builder.WithTlsOptions(o => o
                .UseTls()
                .WithClientCertificates([certificate])
                .WithCertificateValidationHandler(e => ca is not null && ValidatesAgainst(e.Certificate, ca)));
        }
        else if (_options.CertificateFile is not null && _options.KeyFile is not null)
        {
            var certificate = X509Certificate2.CreateFromPemFile(_options.CertificateFile, _options.KeyFile);
            var ca = _options.CaFile is null ? null : X509CertificateLoader.LoadCertificateFromFile(_options.CaFile);
            builder = builder.WithTlsOptions(o => o
                .UseTls()
                .WithClientCertificates([certificate])
                .WithCertificateValidationHandler(e => ca is not null && ValidatesAgainst(e.Certificate, ca)));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var result = await _client.ConnectAsync(builder.Build(), timeout.Token);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        Connects++;
        await _statusGate.WaitAsync(stop);
        try
        {
            SensorStatusRecord birth = OnlineStatus();
            await PublishStatusAsync(birth, stop);
            _lastPhase = PhaseKey(birth);
        }
        finally
        {
            _statusGate.Release();
        }

        _log($"uplink connected to {_options.Host}:{_options.Port} (bdSeq {BdSeq}, {_outbox.Count} findings waiting)");
        if (_options.Subscriptions.Count > 0)
        {
            var more = new MqttClientSubscribeOptionsBuilder();
            foreach (string filter in _options.Subscriptions)
            {
                more = more.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
            }

            var moreResult = await _client.SubscribeAsync(more.Build(), stop);
            foreach (var item in moreResult.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
            {
                _log($"uplink: the broker refused the subscription to {item.TopicFilter.Topic} ({item.ResultCode})");
            }
        }

        if (_options.OnCommand is not null)
        {
            string topic = Edge.Contracts.Commands.CommandTopics.For(_options.Site, _options.Sensor);
            var subscribed = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build(), stop);
            var code = subscribed.Items.Count > 0 ? subscribed.Items.First().ResultCode : MqttClientSubscribeResultCode.UnspecifiedError;
            if (code > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                // A broker that does not carry commands (an older collector, an ACL without the command topic):
                // findings still flow; only acknowledgements from the dashboard do not reach this sensor.
                _log($"uplink: the broker refused the command topic {topic} ({code}); dashboard acknowledgements will not reach this sensor");
            }
        }
    }

    /// <summary>
    /// Publishes pending records in order; each is acknowledged in the outbox only after a PUBACK that says someone
    /// subscribed. False when the broker answered "no matching subscribers" (the record stays pending).
    /// </summary>
    private async Task<bool> DrainAsync(CancellationToken stop)
    {
        while (_client.IsConnected && !stop.IsCancellationRequested)
        {
            var pending = _outbox.ReadPending(Batch);
            if (pending.Count == 0)
            {
                return true;
            }

            foreach (var item in pending)
            {
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(item.Record.Topic)
                    .WithPayload(item.Record.Payload.ToArray())
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithContentType(MqttUserProperties.ContentType)
                    .Build();
                var result = await _client.PublishAsync(message, stop);
                if (result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers)
                {
                    Unheard++;
                    return false;
                }

                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException($"broker rejected {item.Record.MessageId}: {result.ReasonCode} {result.ReasonString}");
                }

                _outbox.Acknowledge(item.Sequence);
                Published++;
            }
        }

        return true;
    }

    /// <summary>
    /// Publishes the online status again (same bdSeq) when the phase or learning progress changed: a phase change
    /// while online is applied by the collector like a birth. Best effort: a status lost with the link is sent again
    /// with the next birth.
    /// </summary>
    public async Task PublishPhaseAsync(CancellationToken stop)
    {
        try
        {
            await _statusGate.WaitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            SensorStatusRecord status = OnlineStatus();
            string key = PhaseKey(status);
            if (!_client.IsConnected || key == _lastPhase)
            {
                return;
            }

            await PublishStatusAsync(status, stop);
            _lastPhase = key;
        }
        catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            // The reconnect loop takes over; the next birth carries the phase.
        }
        finally
        {
            _statusGate.Release();
        }
    }

    /// <summary>Publishes one message now (QoS 1), outside the outbox: a renewal request. False when not connected or refused.</summary>
    public async Task<bool> PublishAsync(string topic, byte[] payload, CancellationToken stop)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), stop);
            return result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers;
        }
        catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks the loop to drop the connection and connect again at once (with a renewed certificate). Safe from a message
    /// handler: the loop, not the caller, disconnects (MQTTnet cannot disconnect from inside its own receive loop).
    /// </summary>
    public void RequestReconnect()
    {
        Volatile.Write(ref _reconnect, 1);
        Notify();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        string topic = e.ApplicationMessage.Topic;
        if (_options.OnMessage is { } onMessage && _options.Subscriptions.Contains(topic))
        {
            return onMessage(topic, e.ApplicationMessage.Payload.ToArray());
        }

        if (!Edge.Contracts.Commands.CommandTopics.TryParse(topic, out string site, out string sensor) || site != _options.Site || sensor != _options.Sensor)
        {
            _log($"uplink: message on {topic} ignored: not this sensor's command topic");
            return Task.CompletedTask;
        }

        Edge.Contracts.Commands.SensorCommand? command;
        try
        {
            var payload = e.ApplicationMessage.Payload;
            var reader = new Utf8JsonReader(payload);
            command = JsonSerializer.Deserialize(ref reader, EdgeJsonContext.Default.SensorCommand);
        }
        catch (JsonException ex)
        {
            _log($"uplink: command refused: not a command ({ex.Message.Split('\n')[0]})");
            return Task.CompletedTask;
        }

        string reason = "empty";
        if (command is null || !command.IsValid(out reason))
        {
            _log($"uplink: command refused: {reason}");
            return Task.CompletedTask;
        }

        Commands++;
        _options.OnCommand?.Invoke(command);
        return Task.CompletedTask;
    }

    /// <summary>What makes a status worth sending again: the phase, and the learning progress to the percent.</summary>
    private static string PhaseKey(SensorStatusRecord status) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{status.Phase}|{status.LearningProgress:0.00}|{status.ConfigVersion}|{status.ConfigRefused}");

    private SensorStatusRecord OnlineStatus()
    {
        (string Phase, double? Progress, DateTimeOffset? EndsAt)? phase = _options.Phase?.Invoke();
        (long? Version, string? Refused)? config = _options.ConfigState?.Invoke();
        return new SensorStatusRecord
        {
            State = SensorStates.Online,
            BdSeq = BdSeq,
            SensorVersion = _options.SensorVersion,
            Clock = DateTimeOffset.UtcNow,
            Phase = phase?.Phase,
            LearningProgress = phase?.Progress,
            LearningEndsAt = phase?.EndsAt,
            PreviousExit = _options.PreviousExit,
            ConfigVersion = config?.Version,
            ConfigRefused = config?.Refused,
        };
    }

    private async Task PublishStatusAsync(SensorStatusRecord status, CancellationToken stop)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(EdgeTopics.StatusTopic(_options.Site, _options.Sensor))
            .WithPayload(Envelope(status))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.PublishAsync(message, stop);
    }

    private byte[] Envelope(SensorStatusRecord status) =>
        JsonSerializer.SerializeToUtf8Bytes(EdgeEnvelopes.Create(_options.MessageIds.Next(), _options.Site, DateTimeOffset.UtcNow, status),
            EdgeJsonContext.Default.EdgeEnvelopeSensorStatusRecord);

    /// <summary>bdSeq increases on every connect and survives restarts (a small file beside the outbox).</summary>
    private long NextBdSeq()
    {
        long last = File.Exists(_options.BdSeqFile) && long.TryParse(File.ReadAllText(_options.BdSeqFile).Trim(), System.Globalization.CultureInfo.InvariantCulture, out long v) ? v : 0;
        long next = last + 1;
        string temp = _options.BdSeqFile + ".tmp";
        File.WriteAllText(temp, next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(temp, _options.BdSeqFile, overwrite: true);
        return next;
    }

    private static bool ValidatesAgainst(X509Certificate certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    private static TimeSpan Jitter(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));

    private static async Task Delay(TimeSpan t, CancellationToken stop)
    {
        try
        {
            await Task.Delay(t, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _wake.Dispose();
        _statusGate.Dispose();
        await Task.CompletedTask;
    }
}
