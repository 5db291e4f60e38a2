namespace Edge.IoModule
{
    /// <summary>
    /// The I/O module's firmware logic with no hardware: bytes and frames in, LED and relay levels and Status
    /// frames out. The main loop calls <see cref="OnReceived"/> with what the UART delivered, then
    /// <see cref="Tick"/> with the time and the raw button level, writes <see cref="IsLedOn"/> and
    /// <see cref="RelayEnergised"/> to the pins and sends what <see cref="TakeStatusFrame"/> gives.
    /// <para>
    /// What the LEDs show, first match wins: lamp test (all on, first second after start); factory reset
    /// confirmed and still held (all on); reset armed and held (all BlinkFast); fault (RUN/ALARM alternate at 2 Hz,
    /// NET and TAP off); waiting for the first SetOutputs (RUN Flash); the last SetOutputs.
    /// The relay follows the last SetOutputs only while healthy: it is de-energised during the lamp test, before
    /// the first SetOutputs and in fault, whatever the mode (in fail-safe mode that drop is the alarm).
    /// </para>
    /// </summary>
    public sealed class ModuleStateMachine
    {
        private readonly FrameDecoder _decoder = new FrameDecoder();
        private readonly ButtonTracker _button = new ButtonTracker();
        private readonly byte[] _statusPayload = new byte[StatusMessage.PayloadLength];
        private readonly LedPattern[] _requested = new LedPattern[LedPatterns.LedCount];
        private readonly LedPattern[] _shown = new LedPattern[LedPatterns.LedCount];
        private readonly bool[] _levels = new bool[LedPatterns.LedCount];
        private readonly long _startMs;
        private readonly byte _firmwareMajor;
        private readonly byte _firmwareMinor;

        private long _nowMs;
        private long _lastValidMs;
        private int _timeoutMs = ModuleTiming.DefaultHeartbeatTimeoutMs;
        private bool _received;
        private bool _relayRequested;
        private bool _failSafeMode;
        private bool _fault;
        private bool _lampTest = true;
        private bool _relay;
        private byte _txSequence;
        private byte _lastSequenceReceived;
        private ushort _badFrames;
        private ButtonEvent _lastEvent;
        private byte _eventCount;
        private bool _statusDue;
        private long _lastStatusMs;
        private long _framesApplied;

        public ModuleStateMachine(long startMs, byte firmwareMajor, byte firmwareMinor)
        {
            _startMs = startMs;
            _nowMs = startMs;
            _lastValidMs = startMs;
            _lastStatusMs = startMs;
            _firmwareMajor = firmwareMajor;
            _firmwareMinor = firmwareMinor;
            for (int i = 0; i < LedPatterns.LedCount; i++)
            {
                _shown[i] = LedPattern.On;
                _levels[i] = true;
            }
        }

        public bool InFault
        {
            get { return _fault; }
        }

        public bool LampTestActive
        {
            get { return _lampTest; }
        }

        /// <summary>The relay coil level after the last tick.</summary>
        public bool RelayEnergised
        {
            get { return _relay; }
        }

        public bool FailSafeMode
        {
            get { return _failSafeMode; }
        }

        public int HeartbeatTimeoutMs
        {
            get { return _timeoutMs; }
        }

        public ButtonEvent LastButtonEvent
        {
            get { return _lastEvent; }
        }

        public byte ButtonEventCount
        {
            get { return _eventCount; }
        }

        /// <summary>Malformed frames, frames of the wrong type and SetOutputs with undefined values; wraps.</summary>
        public ushort BadFrames
        {
            get { return _badFrames; }
        }

        public byte LastSequenceReceived
        {
            get { return _lastSequenceReceived; }
        }

        /// <summary>Valid SetOutputs applied since start.</summary>
        public long FramesApplied
        {
            get { return _framesApplied; }
        }

        /// <summary>True when a Status frame is waiting for <see cref="TakeStatusFrame"/>.</summary>
        public bool StatusDue
        {
            get { return _statusDue; }
        }

        /// <summary>The LED level after the last tick.</summary>
        public bool IsLedOn(Led led)
        {
            return _levels[(int)led];
        }

        /// <summary>The pattern the LED shows after the last tick (lamp test, button, fault or requested).</summary>
        public LedPattern ShownPattern(Led led)
        {
            return _shown[(int)led];
        }

        /// <summary>Feeds bytes from the UART; every complete frame is handled at once.</summary>
        public void OnReceived(byte[] data, int offset, int count, long nowMs)
        {
            int position = offset;
            int end = offset + count;
            while (position < end)
            {
                FrameStatus status = _decoder.Push(data, position, end - position, out int consumed);
                position += consumed;
                if (status == FrameStatus.Ok)
                {
                    OnFrame(_decoder.Frame, nowMs);
                }
                else if (status == FrameStatus.Malformed)
                {
                    CountBadFrame();
                }
            }
        }

        /// <summary>Handles one decoded frame: a valid SetOutputs is applied and restarts the heartbeat timer.</summary>
        public void OnFrame(Frame frame, long nowMs)
        {
            if (frame.Type != MessageType.SetOutputs || !SetOutputsMessage.TryRead(frame.Payload, out SetOutputsMessage message))
            {
                CountBadFrame();
                return;
            }

            _requested[(int)Led.Run] = message.Run;
            _requested[(int)Led.Net] = message.Net;
            _requested[(int)Led.Tap] = message.Tap;
            _requested[(int)Led.Alarm] = message.Alarm;
            _relayRequested = message.RelayEnergised;
            _failSafeMode = message.FailSafeMode;
            _timeoutMs = ModuleTiming.EffectiveHeartbeatTimeoutMs(message.HeartbeatTimeoutMs);
            _lastSequenceReceived = frame.Sequence;
            _lastValidMs = nowMs;
            _received = true;
            _framesApplied++;
            _statusDue = true;
        }

        /// <summary>Advances to <paramref name="nowMs"/> with the raw (undebounced) button level and recomputes the outputs.</summary>
        public void Tick(long nowMs, bool buttonPressed)
        {
            _nowMs = nowMs;

            ButtonEvent buttonEvent = _button.Update(nowMs, buttonPressed);
            if (buttonEvent != ButtonEvent.None)
            {
                _lastEvent = buttonEvent;
                _eventCount++;
                _statusDue = true;
            }

            bool fault = nowMs - _lastValidMs >= _timeoutMs;
            if (fault != _fault)
            {
                _fault = fault;
                _statusDue = true;
            }

            _lampTest = nowMs - _startMs < ModuleTiming.LampTestMs;

            if (_lampTest || _button.IsConfirmed)
            {
                ShowAll(LedPattern.On);
            }
            else if (_button.IsArmed)
            {
                ShowAll(LedPattern.BlinkFast);
            }
            else if (_fault)
            {
                Show(LedPattern.WigWagA, LedPattern.Off, LedPattern.Off, LedPattern.WigWagB);
            }
            else if (!_received)
            {
                Show(LedPattern.Flash, LedPattern.Off, LedPattern.Off, LedPattern.Off);
            }
            else
            {
                Show(_requested[0], _requested[1], _requested[2], _requested[3]);
            }

            for (int i = 0; i < LedPatterns.LedCount; i++)
            {
                _levels[i] = LedPatterns.IsOn(_shown[i], nowMs);
            }

            _relay = _relayRequested && _received && !_fault && !_lampTest;

            if (nowMs - _lastStatusMs >= ModuleTiming.StatusIntervalMs)
            {
                _statusDue = true;
            }
        }

        /// <summary>The Status as it stands now.</summary>
        public StatusMessage CurrentStatus()
        {
            StatusFlags flags = StatusFlags.None;
            if (_fault)
            {
                flags |= StatusFlags.Fault;
            }

            if (_button.IsPressed)
            {
                flags |= StatusFlags.ButtonDown;
            }

            if (_lampTest)
            {
                flags |= StatusFlags.LampTest;
            }

            if (_failSafeMode)
            {
                flags |= StatusFlags.FailSafeMode;
            }

            if (_relay)
            {
                flags |= StatusFlags.RelayEnergised;
            }

            if (!_received)
            {
                flags |= StatusFlags.Waiting;
            }

            long uptime = (_nowMs - _startMs) / 1000;
            return new StatusMessage(_firmwareMajor, _firmwareMinor, flags, _lastEvent, _eventCount, _lastSequenceReceived, _badFrames, uptime < 0 ? 0u : (uint)uptime);
        }

        /// <summary>
        /// Encodes the due Status frame into <paramref name="destination"/> (room for
        /// <see cref="IoProtocol.MaxEncodedFrameLength"/> bytes) and returns its length, or 0 when none is due.
        /// </summary>
        public int TakeStatusFrame(byte[] destination, int offset)
        {
            if (!_statusDue)
            {
                return 0;
            }

            CurrentStatus().WriteTo(_statusPayload, 0);
            int length = FrameEncoder.Encode(MessageType.Status, _txSequence, _lastSequenceReceived, _statusPayload, StatusMessage.PayloadLength, destination, offset);
            _txSequence++;
            _statusDue = false;
            _lastStatusMs = _nowMs;
            return length;
        }

        private void CountBadFrame()
        {
            _badFrames++;
        }

        private void ShowAll(LedPattern pattern)
        {
            Show(pattern, pattern, pattern, pattern);
        }

        private void Show(LedPattern run, LedPattern net, LedPattern tap, LedPattern alarm)
        {
            _shown[(int)Led.Run] = run;
            _shown[(int)Led.Net] = net;
            _shown[(int)Led.Tap] = tap;
            _shown[(int)Led.Alarm] = alarm;
        }
    }
}
