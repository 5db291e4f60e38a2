namespace Edge.IoModule
{
    /// <summary>A decoded frame: header fields and a copy of the payload (frames arrive about once a second).</summary>
    public readonly struct Frame
    {
        public Frame(MessageType type, byte sequence, byte ack, byte[] payload)
        {
            Type = type;
            Sequence = sequence;
            Ack = ack;
            Payload = payload;
        }

        /// <summary>The message type; the raw byte is kept when it is not a known one.</summary>
        public MessageType Type { get; }

        /// <summary>The sender's sequence number.</summary>
        public byte Sequence { get; }

        /// <summary>The last sequence number the sender had received from us.</summary>
        public byte Ack { get; }

        public byte[] Payload { get; }
    }
}
