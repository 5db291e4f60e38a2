using System.Threading.Channels;
using Edge.IoModule;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeSensor.Status.IoModule;

/// <summary>
/// The sensor's side of the I/O module link over any <see cref="Stream"/> (on a box: the base stream of
/// <see cref="IoModuleSerialPort.Open"/>). Sends SetOutputs when the outputs change and at least every
/// <see cref="IoModuleLinkOptions.HeartbeatInterval"/> (nothing before the first <see cref="SetOutputs"/>: until then
/// the module shows "waiting" and then its fault pattern), reads Status frames, raises <see cref="ButtonEvent"/>
/// once per module event, and keeps <see cref="Health"/>. Protocol: firmware/io-module/README.md.
/// <para>
/// <see cref="RunAsync"/> runs a reader and a writer until cancelled or the stream ends; the owner opens and
/// disposes the stream and restarts the link after an I/O error (a USB unplug).
/// </para>
/// </summary>
public sealed partial class IoModuleLink
{
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly IoModuleLinkOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Lock _gate = new();
    private readonly LedPattern[] _patterns = new LedPattern[LedPatterns.LedCount];
    private bool _hasOutputs;
    private bool _relayEnergised;
    private bool _failSafe;
    private byte _nextSequence;
    private byte _lastSequenceSent;
    private long _framesSent;

    private readonly FrameDecoder _decoder = new();
    private bool _statusSeen;
    private StatusMessage _lastStatus;
    private byte _lastStatusSequence;
    private long _lastStatusTimestamp;
    private long _statusFrames;
    private long _badFieldFrames;
    private long _missedButtonEvents;
    private long _moduleRestarts;

    public IoModuleLink(Stream stream, TimeProvider time, IoModuleLinkOptions? options = null, ILogger<IoModuleLink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(time);
        _stream = stream;
        _time = time;
        _options = options ?? new IoModuleLinkOptions();
        _options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>A button event from the module, raised on the reader's thread, once per event.</summary>
    public event EventHandler<IoModuleButtonEventArgs>? ButtonEvent;

    /// <summary>Every valid Status frame, raised on the reader's thread.</summary>
    public event EventHandler<StatusMessage>? StatusReceived;

    public IoModuleHealth Health
    {
        get
        {
            lock (_gate)
            {
                TimeSpan? age = _statusSeen ? _time.GetElapsedTime(_lastStatusTimestamp) : null;
                return new IoModuleHealth
                {
                    StatusAge = age,
                    Stale = age is not { } a || a > _options.StatusStaleAfter,
                    ModuleFault = _statusSeen && _lastStatus.Fault,
                    FirmwareVersion = _statusSeen ? $"{_lastStatus.FirmwareMajor}.{_lastStatus.FirmwareMinor}" : null,
                    FramesSent = _framesSent,
                    StatusFrames = _statusFrames,
                    BadFramesReceived = _decoder.FramesMalformed + _badFieldFrames,
                    DroppedBytes = _decoder.DroppedBytes,
                    ModuleBadFrames = _statusSeen ? _lastStatus.BadFrames : 0,
                    LastSequenceSent = _lastSequenceSent,
                    LastSequenceAcknowledged = _statusSeen ? _lastStatus.LastSequenceReceived : (byte)0,
                    MissedButtonEvents = _missedButtonEvents,
                    ModuleRestarts = _moduleRestarts,
                };
            }
        }
    }

    /// <summary>
    /// Sets what the module shows: one pattern per <see cref="Led"/> (RUN, NET, TAP, ALARM), the relay coil level
    /// while healthy (see <see cref="SetOutputsMessage.RelayEnergisedFor"/> to derive it from an alarm state) and
    /// whether the relay is wired fail-safe. Sent at once when it differs from the last call.
    /// </summary>
    public void SetOutputs(ReadOnlySpan<LedPattern> patterns, bool relayEnergised, bool failSafe)
    {
        if (patterns.Length != LedPatterns.LedCount)
        {
            throw new ArgumentException($"one pattern per LED ({LedPatterns.LedCount}), got {patterns.Length}", nameof(patterns));
        }

        foreach (var pattern in patterns)
        {
            if (!LedPatterns.IsDefined((byte)pattern))
            {
                throw new ArgumentOutOfRangeException(nameof(patterns), pattern, "not a defined LedPattern");
            }
        }

        bool changed;
        lock (_gate)
        {
            changed = !_hasOutputs || relayEnergised != _relayEnergised || failSafe != _failSafe || !patterns.SequenceEqual(_patterns);
            patterns.CopyTo(_patterns);
            _relayEnergised = relayEnergised;
            _failSafe = failSafe;
            _hasOutputs = true;
        }

        if (changed)
        {
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (returns) or the stream ends or fails (throws IOException).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeat = _time.CreateTimer(static state => ((IoModuleLink)state!)._wake.Writer.TryWrite(true), this, _options.HeartbeatInterval, _options.HeartbeatInterval);

        Task reader = ReadLoopAsync(linked.Token);
        Task writer = WriteLoopAsync(linked.Token);
        Task first = await Task.WhenAny(reader, writer).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(reader, writer).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || first.Status == TaskStatus.RanToCompletion)
        {
            // Stopped by the caller, or the stream ended and the other loop was cancelled for it.
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        byte[] payload = new byte[SetOutputsMessage.PayloadLength];
        byte[] frame = new byte[IoProtocol.MaxEncodedFrameLength];
        ushort timeoutMs = (ushort)_options.ModuleHeartbeatTimeout.TotalMilliseconds;
        while (true)
        {
            await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            int length;
            lock (_gate)
            {
                if (!_hasOutputs)
                {
                    continue;
                }

                new SetOutputsMessage(_patterns[0], _patterns[1], _patterns[2], _patterns[3], _relayEnergised, _failSafe, timeoutMs).WriteTo(payload, 0);
                byte ack = _statusSeen ? _lastStatusSequence : (byte)0;
                length = FrameEncoder.Encode(MessageType.SetOutputs, _nextSequence, ack, payload, payload.Length, frame, 0);
                _lastSequenceSent = _nextSequence;
                _nextSequence++;
            }

            await _stream.WriteAsync(frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _framesSent++;
            }
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[256];
        while (true)
        {
            int read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                LogStreamEnded();
                return;
            }

            int position = 0;
            while (position < read)
            {
                FrameStatus status;
                Frame frame;
                lock (_gate)
                {
                    status = _decoder.Push(buffer, position, read - position, out int consumed);
                    position += consumed;
                    frame = _decoder.Frame;
                }

                if (status == FrameStatus.Ok)
                {
                    OnFrame(frame);
                }
            }
        }
    }

    private void OnFrame(Frame frame)
    {
        if (frame.Type != MessageType.Status || !StatusMessage.TryRead(frame.Payload, out var status))
        {
            lock (_gate)
            {
                _badFieldFrames++;
            }

            return;
        }

        ButtonEvent? raise = null;
        int missed = 0;
        bool faultChanged;
        lock (_gate)
        {
            bool first = !_statusSeen;
            bool restarted = !first && status.UptimeSeconds < _lastStatus.UptimeSeconds;
            if (restarted)
            {
                _moduleRestarts++;
            }

            // The first Status is the baseline (its event, if any, happened before this link started); after a
            // restart the module's counter starts again from 0.
            byte previousCount = first ? status.ButtonEventCount : restarted ? (byte)0 : _lastStatus.ButtonEventCount;
            int newEvents = (byte)(status.ButtonEventCount - previousCount);
            if (newEvents > 0)
            {
                missed = newEvents - 1;
                _missedButtonEvents += missed;
                raise = status.LastButtonEvent;
            }

            faultChanged = first ? status.Fault : status.Fault != _lastStatus.Fault;
            _lastStatus = status;
            _lastStatusSequence = frame.Sequence;
            _lastStatusTimestamp = _time.GetTimestamp();
            _statusSeen = true;
            _statusFrames++;
        }

        if (faultChanged)
        {
            LogModuleFault(status.Fault);
        }

        Raise(StatusReceived, status);
        if (raise is { } buttonEvent)
        {
            LogButton(buttonEvent, missed);
            Raise(ButtonEvent, new IoModuleButtonEventArgs(buttonEvent, missed));
        }
    }

    // A subscriber's exception must not stop the link that drives the alarm relay.
    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, args);
        }
#pragma warning disable CA1031 // logged; the link keeps running
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogHandlerFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "I/O module reports fault: {Fault}")]
    private partial void LogModuleFault(bool fault);

    [LoggerMessage(Level = LogLevel.Information, Message = "I/O module button: {Event} ({Missed} missed before)")]
    private partial void LogButton(ButtonEvent @event, int missed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "I/O module link: the stream ended")]
    private partial void LogStreamEnded();

    [LoggerMessage(Level = LogLevel.Error, Message = "I/O module link: an event handler failed")]
    private partial void LogHandlerFailed(Exception exception);
}
