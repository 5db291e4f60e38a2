namespace Edge.IoModule
{
    /// <summary>
    /// Module → sensor, type 0x81: sent in reply to every valid SetOutputs, at once on a button event or a fault
    /// change, and at least once a second otherwise (also while in fault).
    /// <code>
    /// offset  width  field
    ///   0     1      firmware major
    ///   1     1      firmware minor
    ///   2     1      flags (StatusFlags)
    ///   3     1      last button event (ButtonEvent)
    ///   4     1      button event counter: +1 per event, wraps, 0 = none since start; a change means a new event
    ///   5     1      sequence number of the last valid SetOutputs received
    ///   6     2      bad frames received since start, big-endian, wraps
    ///   8     4      uptime in seconds, big-endian (a decrease means the module restarted)
    /// </code>
    /// The event travels as "last event + counter" so a lost Status frame loses no event as long as a later one
    /// arrives before the next event, and a repeated Status never raises an event twice.
    /// </summary>
    public readonly struct StatusMessage
    {
        public const int PayloadLength = 12;

        /// <summary>The largest defined <see cref="ButtonEvent"/> value.</summary>
        public const byte MaxButtonEventValue = (byte)ButtonEvent.Released;

        public StatusMessage(byte firmwareMajor, byte firmwareMinor, StatusFlags flags, ButtonEvent lastButtonEvent, byte buttonEventCount, byte lastSequenceReceived, ushort badFrames, uint uptimeSeconds)
        {
            FirmwareMajor = firmwareMajor;
            FirmwareMinor = firmwareMinor;
            Flags = flags;
            LastButtonEvent = lastButtonEvent;
            ButtonEventCount = buttonEventCount;
            LastSequenceReceived = lastSequenceReceived;
            BadFrames = badFrames;
            UptimeSeconds = uptimeSeconds;
        }

        public byte FirmwareMajor { get; }

        public byte FirmwareMinor { get; }

        public StatusFlags Flags { get; }

        public ButtonEvent LastButtonEvent { get; }

        public byte ButtonEventCount { get; }

        public byte LastSequenceReceived { get; }

        public ushort BadFrames { get; }

        public uint UptimeSeconds { get; }

        public bool Fault
        {
            get { return (Flags & StatusFlags.Fault) != 0; }
        }

        public void WriteTo(byte[] destination, int offset)
        {
            destination[offset] = FirmwareMajor;
            destination[offset + 1] = FirmwareMinor;
            destination[offset + 2] = (byte)Flags;
            destination[offset + 3] = (byte)LastButtonEvent;
            destination[offset + 4] = ButtonEventCount;
            destination[offset + 5] = LastSequenceReceived;
            destination[offset + 6] = (byte)(BadFrames >> 8);
            destination[offset + 7] = (byte)BadFrames;
            destination[offset + 8] = (byte)(UptimeSeconds >> 24);
            destination[offset + 9] = (byte)(UptimeSeconds >> 16);
            destination[offset + 10] = (byte)(UptimeSeconds >> 8);
            destination[offset + 11] = (byte)UptimeSeconds;
        }

        public byte[] ToPayload()
        {
            byte[] payload = new byte[PayloadLength];
            WriteTo(payload, 0);
            return payload;
        }

        /// <summary>Reads a payload; false (BadField) on a wrong length or an undefined button event.</summary>
        public static bool TryRead(byte[] payload, out StatusMessage message)
        {
            if (payload.Length != PayloadLength || payload[3] > MaxButtonEventValue)
            {
                message = default(StatusMessage);
                return false;
            }

            message = new StatusMessage(
                payload[0],
                payload[1],
                (StatusFlags)payload[2],
                (ButtonEvent)payload[3],
                payload[4],
                payload[5],
                (ushort)((payload[6] << 8) | payload[7]),
                ((uint)payload[8] << 24) | ((uint)payload[9] << 16) | ((uint)payload[10] << 8) | payload[11]);
            return true;
        }
    }
}
