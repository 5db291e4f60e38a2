namespace Edge.IoModule
{
    /// <summary>
    /// Why a frame was rejected. Checks run in this order: version (first byte), length against the maximum
    /// (header complete), then, once the announced bytes are in, CRC, type, length against the type.
    /// </summary>
    public enum FrameMalformedReason : byte
    {
        None = 0,

        /// <summary>The CRC over header and payload does not match.</summary>
        BadCrc = 1,

        /// <summary>The header announces a payload above <see cref="IoProtocol.MaxPayloadLength"/>.</summary>
        TooLong = 2,

        /// <summary>The first byte after the start byte is not <see cref="IoProtocol.Version"/>.</summary>
        BadVersion = 3,

        /// <summary>
        /// The payload length is not the one its message type has, or a start byte cut the frame short
        /// (the bytes before it are reported as this, and the start byte begins the next frame).
        /// </summary>
        BadLength = 4,

        /// <summary>The CRC is right but the message type is not one of <see cref="MessageType"/>.</summary>
        UnknownType = 5,

        /// <summary>The frame is sound but a payload field holds a value the message does not define
        /// (reported by the message readers, not by the decoder).</summary>
        BadField = 6,
    }
}
