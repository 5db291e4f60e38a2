using Edge.IoModule.Firmware.Hardware;

namespace EdgeSensor.Tests.IoModule;

/// <summary>A UART fed from a byte queue, recording what was written.</summary>
internal sealed class QueueSerialLink : ISerialLink
{
    public Queue<byte> Incoming { get; } = new();

    public List<byte> Written { get; } = [];

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && Incoming.Count > 0)
        {
            buffer[offset + n++] = Incoming.Dequeue();
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count) => Written.AddRange(buffer.AsSpan(offset, count).ToArray());
}
