namespace Edge.IoModule
{
    /// <summary>
    /// Framing constants of the sensor ↔ I/O module serial protocol, version 1 (firmware/io-module/README.md).
    /// <code>
    /// on the wire:  7E | stuffed( version | type | seq | ack | len | payload[len] | crc_hi | crc_lo )
    /// offset (unstuffed, after 7E)  width  field
    ///   0                           1      protocol version, 1
    ///   1                           1      message type (MessageType)
    ///   2                           1      sender's sequence number, +1 per frame sent, wraps 255 → 0
    ///   3                           1      last sequence number received from the peer (0 before any)
    ///   4                           1      payload length, 0..MaxPayloadLength
    ///   5                           len    payload
    ///   5+len                       2      CRC-16/CCITT-FALSE over offsets 0..4+len, big-endian
    /// </code>
    /// Byte stuffing (as HDLC / PPP, RFC 1662 §4.2): after the start byte, every 7E or 7D is sent as 7D followed
    /// by the byte XOR 20, so 7E only ever marks the start of a frame and a receiver resynchronises on it.
    /// The payload length in the header says where the frame ends: no end flag is needed.
    /// </summary>
    public static class IoProtocol
    {
        public const byte StartByte = 0x7E;
        public const byte EscapeByte = 0x7D;
        public const byte EscapeXor = 0x20;

        public const byte Version = 1;

        public const int VersionOffset = 0;
        public const int TypeOffset = 1;
        public const int SequenceOffset = 2;
        public const int AckOffset = 3;
        public const int LengthOffset = 4;
        public const int HeaderLength = 5;
        public const int CrcLength = 2;

        /// <summary>Largest payload accepted; a header announcing more is rejected at once (TooLong).</summary>
        public const int MaxPayloadLength = 32;

        /// <summary>Largest frame before stuffing and without the start byte: header + payload + CRC.</summary>
        public const int MaxFrameLength = HeaderLength + MaxPayloadLength + CrcLength;

        /// <summary>Largest frame on the wire: the start byte plus every other byte escaped.</summary>
        public const int MaxEncodedFrameLength = 1 + (2 * MaxFrameLength);

        /// <summary>UART settings of the link: 115200 baud, 8 data bits, no parity, 1 stop bit, no flow control.</summary>
        public const int BaudRate = 115200;

        /// <summary>The payload length a message type always has, or -1 for a type this version does not define.</summary>
        public static int PayloadLengthOf(MessageType type)
        {
            switch (type)
            {
                case MessageType.SetOutputs:
                    return SetOutputsMessage.PayloadLength;
                case MessageType.Status:
                    return StatusMessage.PayloadLength;
                default:
                    return -1;
            }
        }
    }
}
