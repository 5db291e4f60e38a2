namespace Edge.IoModule
{
    /// <summary>
    /// Sensor → module, type 0x01. Sets the outputs and is the heartbeat: the sensor sends it at least once a
    /// second, and the module falls into fault when none has arrived for the heartbeat timeout.
    /// <code>
    /// offset  width  field
    ///   0     1      RUN pattern (LedPattern)
    ///   1     1      NET pattern
    ///   2     1      TAP pattern
    ///   3     1      ALARM pattern
    ///   4     1      flags: bit 0 relay energised, bit 1 fail-safe mode, bits 2..7 reserved (sent 0, ignored)
    ///   5     2      heartbeat timeout in ms, big-endian; 0 = default 3000; clamped to 1000..60000
    /// </code>
    /// A pattern byte above <see cref="LedPatterns.MaxPatternValue"/> makes the message invalid (BadField).
    /// </summary>
    public readonly struct SetOutputsMessage
    {
        public const int PayloadLength = 7;
        public const byte RelayEnergisedBit = 0x01;
        public const byte FailSafeModeBit = 0x02;

        public SetOutputsMessage(LedPattern run, LedPattern net, LedPattern tap, LedPattern alarm, bool relayEnergised, bool failSafeMode, ushort heartbeatTimeoutMs)
        {
            Run = run;
            Net = net;
            Tap = tap;
            Alarm = alarm;
            RelayEnergised = relayEnergised;
            FailSafeMode = failSafeMode;
            HeartbeatTimeoutMs = heartbeatTimeoutMs;
        }

        public LedPattern Run { get; }

        public LedPattern Net { get; }

        public LedPattern Tap { get; }

        public LedPattern Alarm { get; }

        /// <summary>The relay coil level asked for while the link is healthy (not the alarm state: see <see cref="RelayEnergisedFor"/>).</summary>
        public bool RelayEnergised { get; }

        /// <summary>The installation wires the relay fail-safe: energised while healthy and no alarm, so a dead module or sensor alarms.</summary>
        public bool FailSafeMode { get; }

        /// <summary>As sent; 0 asks for the module's default. See <see cref="ModuleTiming.EffectiveHeartbeatTimeoutMs"/>.</summary>
        public ushort HeartbeatTimeoutMs { get; }

        /// <summary>
        /// The relay level for an alarm state: in fail-safe mode the relay is energised while all is well and drops
        /// on alarm (and on any fault, power loss or dead link); in normal mode it is energised only on alarm.
        /// </summary>
        public static bool RelayEnergisedFor(bool alarmActive, bool failSafeMode)
        {
            return failSafeMode ? !alarmActive : alarmActive;
        }

        public LedPattern GetPattern(Led led)
        {
            switch (led)
            {
                case Led.Run:
                    return Run;
                case Led.Net:
                    return Net;
                case Led.Tap:
                    return Tap;
                default:
                    return Alarm;
            }
        }

        /// <summary>Writes the <see cref="PayloadLength"/> payload bytes at <paramref name="offset"/>.</summary>
        public void WriteTo(byte[] destination, int offset)
        {
            destination[offset] = (byte)Run;
            destination[offset + 1] = (byte)Net;
            destination[offset + 2] = (byte)Tap;
            destination[offset + 3] = (byte)Alarm;
            byte flags = 0;
            if (RelayEnergised)
            {
                flags |= RelayEnergisedBit;
            }

            if (FailSafeMode)
            {
                flags |= FailSafeModeBit;
            }

            destination[offset + 4] = flags;
            destination[offset + 5] = (byte)(HeartbeatTimeoutMs >> 8);
            destination[offset + 6] = (byte)HeartbeatTimeoutMs;
        }

        public byte[] ToPayload()
        {
            byte[] payload = new byte[PayloadLength];
            WriteTo(payload, 0);
            return payload;
        }

        /// <summary>Reads a payload; false (BadField) on a wrong length or an undefined pattern value.</summary>
        public static bool TryRead(byte[] payload, out SetOutputsMessage message)
        {
            if (payload.Length != PayloadLength
                || !LedPatterns.IsDefined(payload[0]) || !LedPatterns.IsDefined(payload[1])
                || !LedPatterns.IsDefined(payload[2]) || !LedPatterns.IsDefined(payload[3]))
            {
                message = default(SetOutputsMessage);
                return false;
            }

            byte flags = payload[4];
            message = new SetOutputsMessage(
                (LedPattern)payload[0],
                (LedPattern)payload[1],
                (LedPattern)payload[2],
                (LedPattern)payload[3],
                (flags & RelayEnergisedBit) != 0,
                (flags & FailSafeModeBit) != 0,
                (ushort)((payload[5] << 8) | payload[6]));
            return true;
        }
    }
}
