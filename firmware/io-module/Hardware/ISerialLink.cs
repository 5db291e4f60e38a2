namespace Edge.IoModule.Firmware.Hardware
{
    /// <summary>The UART to the sensor (115200 8N1, no flow control).</summary>
    public interface ISerialLink
    {
        /// <summary>Copies bytes already received, up to <paramref name="count"/>, and returns how many; 0 when none. Never blocks.</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);
    }
}
