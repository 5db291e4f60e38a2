namespace Edge.IoModule
{
    /// <summary>
    /// Message type byte (header offset 1). Sensor → module types have the high bit clear, module → sensor set,
    /// so a frame echoed back by a wiring fault is never mistaken for the other side's message.
    /// </summary>
    public enum MessageType : byte
    {
        Unknown = 0,

        /// <summary>Sensor → module: LED patterns, relay, heartbeat timeout. Also the heartbeat.</summary>
        SetOutputs = 0x01,

        /// <summary>Module → sensor: firmware version, button event, fault flag, counters.</summary>
        Status = 0x81,
    }
}
